package dev.pyrometer.controller.jobs;

import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.Profiles;
import dev.pyrometer.wire.ProfileIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs periodic jobs on time. Jobs live in H2 with their next run time, so a restarted controller
 * picks up where it was; a run whose time passed while it was down, that found no JVM, or that
 * overlapped the previous one is recorded as {@code missed} with the reason. Confined to the event loop.
 */
public final class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    private final Vertx vertx;
    private final JobStore store;
    private final Fleet fleet;
    private final Profiles profiles;
    private final Duration minPeriod;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, JobRunner> running = new HashMap<>();
    private long timer = -1;

    public JobScheduler(Vertx vertx, JobStore store, Fleet fleet, Profiles profiles, Duration minPeriod) {
        this.vertx = vertx;
        this.store = store;
        this.fleet = fleet;
        this.profiles = profiles;
        this.minPeriod = minPeriod;
        profiles.onSettled(p -> running.values().stream().filter(java.util.Objects::nonNull).toList()
                .forEach(r -> r.onSettled(p)));
    }

    /** Loads the jobs, records the runs missed while the controller was down, and starts the clock. */
    public Future<Void> start() {
        Instant now = Instant.now();
        return store.init()
                .compose(v -> store.interruptRunning("the controller stopped during this run"))
                .compose(v -> store.jobs())
                .map(list -> {
                    list.forEach(j -> jobs.put(j.id(), j));
                    list.stream().filter(j -> !j.paused()).forEach(j -> catchUp(j, now));
                    long tick = Math.max(50, Math.min(1000, minPeriod.toMillis() / 4));
                    timer = vertx.setPeriodic(tick, id -> tick());
                    return null;
                });
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    public Future<Job> create(JsonObject body) {
        JobSpec spec = JobSpec.parse(body, minPeriod);
        Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as H2 keeps it
        Job job = new Job(ProfileIds.next().replace("p-", "j-"), spec, created, false,
                spec.schedule().next(created, created));
        jobs.put(job.id(), job);
        return store.save(job).map(job);
    }

    public List<Job> list() {
        return new ArrayList<>(jobs.values());
    }

    public Job get(String id) {
        Job j = jobs.get(id);
        if (j == null) {
            throw ApiException.notFound("no job '" + id + "'; GET /api/v1/jobs lists them");
        }
        return j;
    }

    public Future<List<JobRun>> runs(String id, int limit) {
        return store.runs(get(id).id(), limit);
    }

    public Future<Job> pause(String id) {
        return update(get(id).withPaused(true));
    }

    /** Resumes from now on: the times skipped while paused are not missed runs. */
    public Future<Job> resume(String id) {
        Job j = get(id);
        Instant now = Instant.now();
        return update(j.withPaused(false).withNextRun(j.spec().schedule().next(j.created(), now)));
    }

    public Future<Boolean> delete(String id) {
        get(id);
        jobs.remove(id);
        return store.delete(id);
    }

    /** Per-job retention limits, for the retention sweep. */
    public List<Job> withRetention() {
        return jobs.values().stream().filter(j -> j.spec().keepFor() != null || j.spec().keepBytes() != null).toList();
    }

    private Future<Job> update(Job j) {
        jobs.put(j.id(), j);
        return store.save(j).map(j);
    }

    private void catchUp(Job job, Instant now) {
        if (job.nextRun() == null || job.nextRun().isAfter(now)) {
            return;
        }
        Schedule schedule = job.spec().schedule();
        int later = 0;
        for (Instant t = schedule.next(job.created(), job.nextRun()); t != null && !t.isAfter(now) && later < 10_000;
             t = schedule.next(job.created(), t)) {
            later++;
        }
        String reason = "the controller was not running at " + job.nextRun()
                + (later > 0 ? " (nor at the " + later + " scheduled times after it)" : "");
        store.saveRun(new JobRun(0, job.id(), job.nextRun(), JobRun.MISSED, List.of(), reason));
        update(job.withNextRun(schedule.next(job.created(), now)));
    }

    private void tick() {
        Instant now = Instant.now();
        for (Job job : List.copyOf(jobs.values())) {
            if (job.paused() || job.nextRun() == null || job.nextRun().isAfter(now)) {
                continue;
            }
            fire(job, job.nextRun());
            update(job.withNextRun(job.spec().schedule().next(job.created(), now)));
        }
    }

    private void fire(Job job, Instant scheduled) {
        if (running.containsKey(job.id())) {
            store.saveRun(new JobRun(0, job.id(), scheduled, JobRun.MISSED, List.of(),
                    "the previous run was still going"));
            return;
        }
        JobTargets targets = JobTargets.select(fleet, job.spec());
        if (targets.targets().isEmpty()) {
            store.saveRun(new JobRun(0, job.id(), scheduled, JobRun.MISSED, List.of(), targets.whyNone()));
            return;
        }
        // reserve the slot before the insert returns, so the next tick cannot start a second run
        running.put(job.id(), null);
        store.saveRun(new JobRun(0, job.id(), scheduled, JobRun.RUNNING, List.of(), null)).onSuccess(run -> {
            var runner = new JobRunner(vertx, profiles, store, job, run, targets.targets(),
                    r -> running.remove(r.jobId(), r));
            running.put(job.id(), runner);
            runner.start();
        }).onFailure(e -> {
            running.remove(job.id());
            LOG.warning(() -> "could not record a run of job " + job.id() + ": " + e);
        });
    }
}
