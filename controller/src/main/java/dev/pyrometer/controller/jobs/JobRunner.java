package dev.pyrometer.controller.jobs;

import dev.pyrometer.controller.profiles.ProfileRequest;
import dev.pyrometer.controller.profiles.Profiles;
import dev.pyrometer.controller.store.ProfileRecord;
import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Trigger;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One run of a job: profiles its targets, at most {@code max_concurrent} at once, each start delayed
 * by a random part of the jitter so a fleet is not hit at the same instant, and records the outcome.
 * Confined to the event loop.
 */
final class JobRunner {
    /** Past its planned duration, how long a profile may take before the run stops waiting for it. */
    static final Duration PROFILE_GRACE = Duration.ofMinutes(2);

    private final Vertx vertx;
    private final Profiles profiles;
    private final JobStore store;
    private final Job job;
    private final Queue<JobTargets.Target> queue;
    private final Consumer<JobRunner> onFinished;
    private final List<String> profileIds = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** Profile id → its give-up timer. */
    private final Map<String, Long> pending = new HashMap<>();
    private JobRun run;
    private int inFlight;
    private int done;
    private boolean finished;

    JobRunner(Vertx vertx, Profiles profiles, JobStore store, Job job, JobRun run, List<JobTargets.Target> targets,
              Consumer<JobRunner> onFinished) {
        this.vertx = vertx;
        this.profiles = profiles;
        this.store = store;
        this.job = job;
        this.run = run;
        this.queue = new ArrayDeque<>(targets);
        this.onFinished = onFinished;
    }

    String jobId() {
        return job.id();
    }

    void start() {
        for (int i = 0; i < job.spec().maxConcurrent() && !queue.isEmpty(); i++) {
            launchNext();
        }
    }

    /** Told of every settled profile; only this run's are counted. */
    void onSettled(ProfileRecord p) {
        Long timer = pending.remove(p.id());
        if (timer == null) {
            return;
        }
        vertx.cancelTimer(timer);
        if (p.state() == ProfileStatus.DONE) {
            done++;
        } else {
            problems.add(p.id() + " failed: " + p.error());
        }
        inFlight--;
        launchNext();
    }

    private void launchNext() {
        JobTargets.Target target = queue.poll();
        if (target == null) {
            if (inFlight == 0) {
                finish();
            }
            return;
        }
        inFlight++;
        long jitterMs = job.spec().jitterDuration().toMillis();
        long delay = jitterMs <= 0 ? 1 : 1 + ThreadLocalRandom.current().nextLong(jitterMs);
        vertx.setTimer(delay, t -> profile(target));
    }

    private void profile(JobTargets.Target target) {
        JobSpec s = job.spec();
        var req = new ProfileRequest(target.host(), target.pid(), s.duration(), s.event(), s.interval(), Map.of());
        try {
            profiles.create(req, Trigger.job(job.id())).onSuccess(p -> {
                profileIds.add(p.id());
                long giveUp = Durations.parse(s.duration()).plus(PROFILE_GRACE).toMillis();
                pending.put(p.id(), vertx.setTimer(giveUp, t -> {
                    if (pending.remove(p.id()) != null) {
                        problems.add(p.id() + " did not finish within " + giveUp / 1000 + " s");
                        inFlight--;
                        launchNext();
                    }
                }));
                save(JobRun.RUNNING);
            }).onFailure(e -> skip(target, e));
        } catch (RuntimeException e) {
            skip(target, e);
        }
    }

    private void skip(JobTargets.Target target, Throwable e) {
        problems.add(target.host() + " pid " + target.pid() + " skipped: " + e.getMessage());
        inFlight--;
        launchNext();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        String state = done > 0 ? JobRun.DONE : profileIds.isEmpty() ? JobRun.MISSED : JobRun.FAILED;
        save(state).onComplete(ar -> onFinished.accept(this));
    }

    private io.vertx.core.Future<JobRun> save(String state) {
        String reason = problems.isEmpty() ? null : String.join("; ", problems);
        run = new JobRun(run.id(), run.jobId(), run.scheduled(), state, profileIds, reason);
        return store.saveRun(run);
    }
}
