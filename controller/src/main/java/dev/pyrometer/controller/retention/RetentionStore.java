package dev.pyrometer.controller.retention;

import dev.pyrometer.controller.store.MetadataStore;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL side of retention. A profile is deleted in two steps: one transaction removes its
 * metadata and writes a tombstone, then its files go, then the tombstone. A crash in between leaves
 * a tombstone, and the files are removed at the next sweep: never a listed profile without files,
 * never files nobody can reach for longer than one sweep.
 */
final class RetentionStore {
    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS deletions (profile_id VARCHAR PRIMARY KEY)";
    private static final String FINISHED = "state IN ('done','failed')";

    private final MetadataStore store;

    RetentionStore(MetadataStore store) {
        this.store = store;
    }

    Future<Void> init() {
        return store.withConnection(db -> {
            try (var st = db.createStatement()) {
                st.execute(SCHEMA);
            }
            return null;
        });
    }

    /** Finished profiles (of {@code job}, or all when null) created before {@code cutoff}, oldest first. */
    Future<List<String>> olderThan(Instant cutoff, String job, int limit) {
        return store.withConnection(db -> {
            var ids = new ArrayList<String>();
            try (var ps = db.prepareStatement("SELECT id FROM profiles WHERE " + FINISHED + " AND created < ?"
                    + (job == null ? "" : " AND job = ?") + " ORDER BY created, id LIMIT ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                int i = 2;
                if (job != null) {
                    ps.setString(i++, job);
                }
                ps.setInt(i, limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * The oldest finished profiles (of {@code job}, or all) to delete so that the stored artifacts of
     * what is left fit in {@code maxBytes}; unfinished profiles count but are never chosen.
     */
    Future<List<String>> beyondBytes(long maxBytes, String job) {
        return store.withConnection(db -> {
            var ids = new ArrayList<String>();
            try (var ps = db.prepareStatement("SELECT p.id, p.state, COALESCE(SUM(a.size), 0) FROM profiles p "
                    + "LEFT JOIN artifacts a ON a.profile_id = p.id" + (job == null ? "" : " WHERE p.job = ?")
                    + " GROUP BY p.id, p.state, p.created ORDER BY p.created DESC, p.id DESC")) {
                if (job != null) {
                    ps.setString(1, job);
                }
                long kept = 0;
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(3);
                        boolean finished = rs.getString(2).equals("done") || rs.getString(2).equals("failed");
                        if (kept + size > maxBytes && finished) {
                            ids.add(rs.getString(1));
                        } else {
                            kept += size;
                        }
                    }
                }
            }
            return ids;
        });
    }

    /** Step one: metadata out and tombstone in, in one transaction. */
    Future<Void> forget(String profileId) {
        return store.inTransaction(db -> {
            update(db, "MERGE INTO deletions KEY(profile_id) VALUES (?)", profileId);
            update(db, "DELETE FROM artifacts WHERE profile_id = ?", profileId);
            update(db, "DELETE FROM profiles WHERE id = ?", profileId);
            return null;
        });
    }

    /** Profiles whose metadata is gone but whose files may not be. */
    Future<List<String>> tombstones() {
        return store.withConnection(db -> {
            var ids = new ArrayList<String>();
            try (var st = db.createStatement(); var rs = st.executeQuery("SELECT profile_id FROM deletions")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Step three, once the files are gone. */
    Future<Void> bury(String profileId) {
        return store.withConnection(db -> {
            update(db, "DELETE FROM deletions WHERE profile_id = ?", profileId);
            return null;
        });
    }

    private static void update(Connection db, String sql, String id) throws SQLException {
        try (var ps = db.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
