package dev.pyrometer.controller.jobs;

import dev.pyrometer.controller.store.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Jobs and their runs in the controller's H2 database, on the store's worker. */
public final class JobStore {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS jobs (id VARCHAR PRIMARY KEY, spec CLOB NOT NULL,
              created TIMESTAMP WITH TIME ZONE NOT NULL, paused BOOLEAN NOT NULL, next_run TIMESTAMP WITH TIME ZONE);
            CREATE TABLE IF NOT EXISTS job_runs (id BIGINT AUTO_INCREMENT PRIMARY KEY, job_id VARCHAR NOT NULL,
              scheduled TIMESTAMP WITH TIME ZONE NOT NULL, state VARCHAR NOT NULL, profiles CLOB, reason CLOB);
            CREATE INDEX IF NOT EXISTS job_runs_job ON job_runs(job_id, id);
            """;
    /** How many runs a job keeps in its history. */
    static final int RUNS_KEPT = 200;

    private final MetadataStore store;

    public JobStore(MetadataStore store) {
        this.store = store;
    }

    public Future<Void> init() {
        return store.withConnection(db -> {
            try (var st = db.createStatement()) {
                st.execute(SCHEMA);
            }
            return null;
        });
    }

    public Future<Void> save(Job job) {
        return store.withConnection(db -> {
            try (var ps = db.prepareStatement("MERGE INTO jobs KEY(id) VALUES (?,?,?,?,?)")) {
                ps.setString(1, job.id());
                ps.setString(2, job.spec().toJson().encode());
                ps.setTimestamp(3, Timestamp.from(job.created()));
                ps.setBoolean(4, job.paused());
                ps.setTimestamp(5, job.nextRun() == null ? null : Timestamp.from(job.nextRun()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Future<List<Job>> jobs() {
        return store.withConnection(db -> {
            var list = new ArrayList<Job>();
            try (var st = db.createStatement(); var rs = st.executeQuery("SELECT * FROM jobs ORDER BY created, id")) {
                while (rs.next()) {
                    Timestamp next = rs.getTimestamp("next_run");
                    list.add(new Job(rs.getString("id"), JobSpec.fromJson(new JsonObject(rs.getString("spec"))),
                            rs.getTimestamp("created").toInstant(), rs.getBoolean("paused"),
                            next == null ? null : next.toInstant()));
                }
            }
            return list;
        });
    }

    /** Deletes a job and its run history (its profiles stay, until retention takes them). */
    public Future<Boolean> delete(String id) {
        return store.withConnection(db -> {
            try (var runs = db.prepareStatement("DELETE FROM job_runs WHERE job_id = ?");
                 var job = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                runs.setString(1, id);
                runs.executeUpdate();
                job.setString(1, id);
                return job.executeUpdate() > 0;
            }
        });
    }

    /** Inserts a run (id 0) or updates it; returns it with its id. Old runs beyond {@link #RUNS_KEPT} go. */
    public Future<JobRun> saveRun(JobRun run) {
        return store.withConnection(db -> {
            if (run.id() == 0) {
                try (var ps = db.prepareStatement("INSERT INTO job_runs (job_id, scheduled, state, profiles, reason) "
                        + "VALUES (?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, run.jobId());
                    ps.setTimestamp(2, Timestamp.from(run.scheduled()));
                    ps.setString(3, run.state());
                    ps.setString(4, new JsonArray(run.profiles()).encode());
                    ps.setString(5, run.reason());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        long id = keys.getLong(1);
                        trim(db, run.jobId());
                        return new JobRun(id, run.jobId(), run.scheduled(), run.state(), run.profiles(), run.reason());
                    }
                }
            }
            try (var ps = db.prepareStatement("UPDATE job_runs SET state = ?, profiles = ?, reason = ? WHERE id = ?")) {
                ps.setString(1, run.state());
                ps.setString(2, new JsonArray(run.profiles()).encode());
                ps.setString(3, run.reason());
                ps.setLong(4, run.id());
                ps.executeUpdate();
            }
            return run;
        });
    }

    /** The most recent runs of a job, newest first. */
    public Future<List<JobRun>> runs(String jobId, int limit) {
        return store.withConnection(db -> {
            var list = new ArrayList<JobRun>();
            try (var ps = db.prepareStatement("SELECT * FROM job_runs WHERE job_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, jobId);
                ps.setInt(2, limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(runOf(rs));
                    }
                }
            }
            return list;
        });
    }

    /** Runs a stopped controller left {@code running} become {@code interrupted}. */
    public Future<Integer> interruptRunning(String reason) {
        return store.withConnection(db -> {
            try (var ps = db.prepareStatement("UPDATE job_runs SET state = ?, reason = ? WHERE state = ?")) {
                ps.setString(1, JobRun.INTERRUPTED);
                ps.setString(2, reason);
                ps.setString(3, JobRun.RUNNING);
                return ps.executeUpdate();
            }
        });
    }

    private static void trim(Connection db, String jobId) throws SQLException {
        try (var ps = db.prepareStatement("DELETE FROM job_runs WHERE job_id = ? AND id < (SELECT MIN(id) FROM "
                + "(SELECT id FROM job_runs WHERE job_id = ? ORDER BY id DESC LIMIT ?) t)")) {
            ps.setString(1, jobId);
            ps.setString(2, jobId);
            ps.setInt(3, RUNS_KEPT);
            ps.executeUpdate();
        }
    }

    private static JobRun runOf(ResultSet rs) throws SQLException {
        var profiles = new ArrayList<String>();
        String json = rs.getString("profiles");
        if (json != null) {
            new JsonArray(json).forEach(p -> profiles.add(String.valueOf(p)));
        }
        return new JobRun(rs.getLong("id"), rs.getString("job_id"), rs.getTimestamp("scheduled").toInstant(),
                rs.getString("state"), profiles, rs.getString("reason"));
    }

}
