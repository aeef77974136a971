package dev.pyrometer.controller.store;

import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Trigger;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Hosts, profiles and stored artifacts in an embedded H2 database; every call runs on one
 * worker thread, so the event loop never waits for the disk and writes never interleave.
 */
public final class MetadataStore implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS hosts (name VARCHAR PRIMARY KEY, helper_version VARCHAR, boot_id VARCHAR,
              cores INT, mem_total BIGINT, first_seen TIMESTAMP WITH TIME ZONE, last_seen TIMESTAMP WITH TIME ZONE,
              inventory CLOB);
            CREATE TABLE IF NOT EXISTS profiles (id VARCHAR PRIMARY KEY, host VARCHAR NOT NULL, pid BIGINT NOT NULL,
              state VARCHAR NOT NULL, error VARCHAR, detail VARCHAR, event VARCHAR, engine VARCHAR, intv VARCHAR,
              duration VARCHAR, samples BIGINT, created TIMESTAMP WITH TIME ZONE NOT NULL,
              started TIMESTAMP WITH TIME ZONE, finished TIMESTAMP WITH TIME ZONE, labels CLOB, app VARCHAR,
              rel VARCHAR);
            ALTER TABLE profiles ADD COLUMN IF NOT EXISTS trig VARCHAR;
            ALTER TABLE profiles ADD COLUMN IF NOT EXISTS job VARCHAR;
            CREATE INDEX IF NOT EXISTS profiles_created ON profiles(created);
            CREATE INDEX IF NOT EXISTS profiles_job ON profiles(job);
            CREATE TABLE IF NOT EXISTS artifacts (profile_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
              sha256 VARCHAR NOT NULL, size BIGINT NOT NULL, PRIMARY KEY (profile_id, name));
            """;

    private final Connection db;
    private final WorkerExecutor worker;

    private MetadataStore(Connection db, WorkerExecutor worker) {
        this.db = db;
        this.worker = worker;
    }

    /** Opens (creating if needed) the store under {@code dir}; blocking, call from a worker. */
    public static MetadataStore open(Path dir, WorkerExecutor worker) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("metadata").toAbsolutePath()
                // WRITE_DELAY=0: a commit reaches the file before the caller hears of it, so a killed
                // controller loses no acknowledged state change (H2's default waits up to 500 ms).
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "pyrometer", "");
        try (var st = c.createStatement()) {
            st.execute(SCHEMA);
        }
        return new MetadataStore(c, worker);
    }

    private <T> Future<T> run(Callable<T> work) {
        return worker.executeBlocking(() -> {
            synchronized (db) {
                return work.call();
            }
        }, true);
    }

    /** Work on the store's connection, for stores of other subjects (jobs, rules) that share its file and worker. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection db) throws Exception;
    }

    /** Runs {@code work} on the store's worker, serialised with every other call. */
    public <T> Future<T> withConnection(SqlWork<T> work) {
        return run(() -> work.apply(db));
    }

    /** As {@link #withConnection}, in one transaction: all of it is committed, or none. */
    public <T> Future<T> inTransaction(SqlWork<T> work) {
        return run(() -> {
            db.setAutoCommit(false);
            try {
                T result = work.apply(db);
                db.commit();
                return result;
            } catch (Exception e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        });
    }

    // ---- hosts ---------------------------------------------------------------------------------

    /** Saves hosts in one transaction: one disk write for a burst of hellos, not one per host. */
    public Future<Void> saveHosts(List<HostRecord> batch) {
        return inTransaction(db -> {
            try (var ps = db.prepareStatement("MERGE INTO hosts KEY(name) VALUES (?,?,?,?,?,?,?,?)")) {
                for (HostRecord h : batch) {
                    ps.setString(1, h.name());
                    ps.setString(2, h.helperVersion());
                    ps.setString(3, h.bootId());
                    ps.setInt(4, h.cores());
                    ps.setLong(5, h.memTotalBytes());
                    ps.setTimestamp(6, ts(h.firstSeen()));
                    ps.setTimestamp(7, ts(h.lastSeen()));
                    ps.setString(8, h.inventoryJson());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Records when connected hosts were last heard from, in one transaction. */
    public Future<Void> touchHosts(Map<String, Instant> lastSeen) {
        return inTransaction(db -> {
            try (var ps = db.prepareStatement("UPDATE hosts SET last_seen = ? WHERE name = ?")) {
                for (var e : lastSeen.entrySet()) {
                    ps.setTimestamp(1, ts(e.getValue()));
                    ps.setString(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Future<List<HostRecord>> hosts() {
        return run(() -> {
            var list = new ArrayList<HostRecord>();
            try (var st = db.createStatement(); var rs = st.executeQuery("SELECT * FROM hosts ORDER BY name")) {
                while (rs.next()) {
                    list.add(new HostRecord(rs.getString("name"), rs.getString("helper_version"),
                            rs.getString("boot_id"), rs.getInt("cores"), rs.getLong("mem_total"),
                            instant(rs, "first_seen"), instant(rs, "last_seen"), rs.getString("inventory")));
                }
            }
            return list;
        });
    }

    // ---- profiles ------------------------------------------------------------------------------

    public Future<Void> saveProfile(ProfileRecord p) {
        return run(() -> {
            writeProfile(p);
            return null;
        });
    }

    private void writeProfile(ProfileRecord p) throws SQLException {
        {
            try (var ps = db.prepareStatement("MERGE INTO profiles KEY(id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setString(i++, p.id());
                ps.setString(i++, p.host());
                ps.setLong(i++, p.pid());
                ps.setString(i++, p.state().wireName());
                ps.setString(i++, p.error());
                ps.setString(i++, p.detail());
                ps.setString(i++, p.event());
                ps.setString(i++, p.engine());
                ps.setString(i++, p.interval());
                ps.setString(i++, p.duration());
                ps.setObject(i++, p.samples());
                ps.setTimestamp(i++, ts(p.created()));
                ps.setTimestamp(i++, ts(p.started()));
                ps.setTimestamp(i++, ts(p.finished()));
                ps.setString(i++, new JsonObject(new LinkedHashMap<>(p.labels())).encode());
                ps.setString(i++, p.app());
                ps.setString(i++, p.release());
                ps.setString(i++, p.trigger().toJson().encode());
                ps.setString(i, p.job());
                ps.executeUpdate();
            }
        }
    }

    /** Saves a profile unless one with its id exists; true when saved (helpers may re-send after reconnecting). */
    public Future<Boolean> insertProfileIfAbsent(ProfileRecord p) {
        return run(() -> {
            try (var ps = db.prepareStatement("SELECT 1 FROM profiles WHERE id = ?")) {
                ps.setString(1, p.id());
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            writeProfile(p);
            return true;
        });
    }

    public Future<Optional<ProfileRecord>> profile(String id) {
        return run(() -> {
            try (var ps = db.prepareStatement("SELECT * FROM profiles WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(profileOf(rs)) : Optional.<ProfileRecord>empty();
                }
            }
        });
    }

    public Future<List<ProfileRecord>> profiles(ProfileQuery q) {
        return run(() -> {
            var sql = new StringBuilder("SELECT * FROM profiles WHERE 1=1");
            var args = new ArrayList<Object>();
            filter(sql, args, "host", q.host());
            filter(sql, args, "app", q.app());
            filter(sql, args, "rel", q.release());
            filter(sql, args, "event", q.event());
            filter(sql, args, "job", q.job());
            filter(sql, args, "state", q.state() == null ? null : q.state().wireName());
            if (q.since() != null) {
                sql.append(" AND created >= ?");
                args.add(ts(q.since()));
            }
            if (q.until() != null) {
                sql.append(" AND created < ?");
                args.add(ts(q.until()));
            }
            sql.append(" ORDER BY created DESC, id DESC LIMIT ").append(q.limit());
            try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                var list = new ArrayList<ProfileRecord>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(profileOf(rs));
                    }
                }
                return list;
            }
        });
    }

    /** Reads, changes and writes one profile in one step, so concurrent reports cannot lose fields. */
    public Future<Optional<ProfileRecord>> updateProfile(String id, java.util.function.UnaryOperator<ProfileRecord> change) {
        return run(() -> {
            ProfileRecord current;
            try (var ps = db.prepareStatement("SELECT * FROM profiles WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ProfileRecord>empty();
                    }
                    current = profileOf(rs);
                }
            }
            ProfileRecord next = change.apply(current);
            if (next != current) {
                writeProfile(next);
            }
            return Optional.of(next);
        });
    }

    /** Profiles a helper was working on when the controller last stopped. */
    public Future<List<ProfileRecord>> unfinishedProfiles() {
        return run(() -> {
            var list = new ArrayList<ProfileRecord>();
            try (var st = db.createStatement();
                 var rs = st.executeQuery("SELECT * FROM profiles WHERE state NOT IN ('done','failed')")) {
                while (rs.next()) {
                    list.add(profileOf(rs));
                }
            }
            return list;
        });
    }

    // ---- artifacts -----------------------------------------------------------------------------

    public Future<Void> saveArtifact(String profileId, String name, String sha256, long size) {
        return run(() -> {
            try (var ps = db.prepareStatement("MERGE INTO artifacts KEY(profile_id, name) VALUES (?,?,?,?)")) {
                ps.setString(1, profileId);
                ps.setString(2, name);
                ps.setString(3, sha256);
                ps.setLong(4, size);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Name → hex SHA-256 of every artifact stored for a profile. */
    public Future<java.util.Map<String, String>> artifacts(String profileId) {
        return run(() -> {
            var map = new java.util.TreeMap<String, String>();
            try (var ps = db.prepareStatement("SELECT name, sha256 FROM artifacts WHERE profile_id = ?")) {
                ps.setString(1, profileId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        map.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return map;
        });
    }

    /** Closes the store after every write queued before this call. */
    public Future<Void> shutdown() {
        return run(() -> {
            close();
            return null;
        });
    }

    @Override
    public void close() throws SQLException {
        synchronized (db) {
            db.close();
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static ProfileRecord profileOf(ResultSet rs) throws SQLException {
        var labels = new LinkedHashMap<String, String>();
        String labelJson = rs.getString("labels");
        if (labelJson != null) {
            new JsonObject(labelJson).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
        }
        Long samples = rs.getObject("samples", Long.class);
        return new ProfileRecord(rs.getString("id"), rs.getString("host"), rs.getLong("pid"),
                ProfileStatus.parse(rs.getString("state")), rs.getString("error"), rs.getString("detail"),
                rs.getString("event"), rs.getString("engine"), rs.getString("intv"), rs.getString("duration"),
                samples, instant(rs, "created"), instant(rs, "started"),
                instant(rs, "finished"), labels, rs.getString("app"), rs.getString("rel"), trigger(rs.getString("trig")));
    }

    private static Trigger trigger(String json) {
        return json == null ? Trigger.manual() : Trigger.from(new JsonObject(json));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
