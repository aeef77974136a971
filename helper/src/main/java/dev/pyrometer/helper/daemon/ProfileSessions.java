package dev.pyrometer.helper.daemon;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.profile.ProfileListener;
import dev.pyrometer.helper.profile.ProfileRequest;
import dev.pyrometer.helper.profile.ProfileResult;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.profile.RequestCheck;
import dev.pyrometer.helper.proc.ProcessFacts;
import dev.pyrometer.helper.spool.Spool;
import dev.pyrometer.helper.spool.SpooledProfile;
import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.WireMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The profiles this helper is recording: accepts or refuses {@code profile.start} (one session per
 * JVM), runs the {@link Profiler} off the connection's thread, reports every state, and leaves the
 * result in the spool for the {@link UploadWorker}.
 */
final class ProfileSessions {
    private static final Logger LOG = Logger.getLogger(ProfileSessions.class.getName());
    /** The interval the profiler is given for events that are not time-based (it ignores it then). */
    private static final Duration UNUSED_INTERVAL = Duration.ofMillis(10);

    private final Profiler profiler;
    private final Spool spool;
    private final ExecutorService workers;
    /** One thread: every state of every profile is written and sent in the order it happened. */
    private final Executor reports;
    private final Consumer<SpooledProfile> report;
    private final Consumer<SpooledProfile> recorded;
    /** pid → the session recording it. */
    private final Map<Long, Session> running = new ConcurrentHashMap<>();

    /**
     * {@code report} sends a profile's current state to the controller (when connected);
     * {@code recorded} receives each profile whose artifacts are ready to upload, or that failed.
     */
    ProfileSessions(Profiler profiler, Spool spool, ExecutorService workers, Executor reports,
                    Consumer<SpooledProfile> report, Consumer<SpooledProfile> recorded) {
        this.profiler = profiler;
        this.spool = spool;
        this.workers = workers;
        this.reports = reports;
        this.report = report;
        this.recorded = recorded;
    }

    /**
     * Checks the command and starts the run on a worker; {@code answer} gets the reply (saying why
     * when refused), always before the run's first state.
     */
    void start(WireMessage.ProfileStart cmd, Consumer<WireMessage.Reply> answer) {
        Session session = admit(cmd, System.nanoTime(), answer);
        if (session != null) {
            workers.execute(session);
        }
    }

    /**
     * As {@link #start}, but runs the profile on the calling thread (a worker), which returns when it
     * is recorded: one thread hand-off fewer between the command and the attach.
     * {@code received} is when the command's frame arrived.
     */
    void run(WireMessage.ProfileStart cmd, long received, Consumer<WireMessage.Reply> answer) {
        Session session = admit(cmd, received, answer);
        if (session != null) {
            session.run();
        }
    }

    private synchronized Session admit(WireMessage.ProfileStart cmd, long received,
                                       Consumer<WireMessage.Reply> answer) {
        long admitted = System.nanoTime();
        WireMessage.Reply reply = check(cmd);
        if (reply != null) {
            answer.accept(reply);
            return null;
        }
        long checked = System.nanoTime();
        Session session = prepare(cmd, received);
        if (session != null) {
            session.admission = "waited " + (admitted - received) / 1_000_000 + " ms, checks "
                    + (checked - admitted) / 1_000_000 + " ms, spool entry " + (System.nanoTime() - checked) / 1_000_000
                    + " ms";
        }
        if (session == null) {
            answer.accept(refuse(cmd, "cannot hold the profile in the helper's spool (see its log)"));
            return null;
        }
        running.put(cmd.pid(), session);
        // the reply goes out on the reports thread, ahead of the run's first state, while the attach begins
        WireMessage.Reply ok = new WireMessage.Reply(cmd.id(), true, null);
        reports.execute(() -> answer.accept(ok));
        return session;
    }

    /** Why the command cannot be run, or null when it can. */
    private WireMessage.Reply check(WireMessage.ProfileStart cmd) {
        if (!Spool.safeId(cmd.profileId())) {
            return refuse(cmd, "profile id '" + cmd.profileId() + "' is not 1-128 of A-Z a-z 0-9 . _ -");
        }
        Session busy = running.get(cmd.pid());
        if (busy != null) {
            return refuse(cmd, "JVM " + cmd.pid() + " is already being profiled (profile " + busy.profile.id() + ")");
        }
        Duration duration = Durations.parse(cmd.duration());
        if (duration == null) {
            return refuse(cmd, "duration '" + cmd.duration() + "' is not like 30s, 500ms or 2m");
        }
        Duration interval = interval(cmd);
        if (interval == null) {
            return refuse(cmd, "interval '" + cmd.interval() + "' is not like 10ms or 500us");
        }
        // a JVM our agent was started in (same pid and start time) is one; else read its maps
        if (!profiler.attachedBefore(cmd.pid())
                && ProcessFacts.read(cmd.pid()).filter(f -> f.libjvm().isPresent()).isEmpty()) {
            return refuse(cmd, "no JVM with pid " + cmd.pid() + " on this host (it may have exited)");
        }
        try {
            RequestCheck.validate(request(cmd, duration, interval, Path.of(System.getProperty("java.io.tmpdir"))));
        } catch (CommandFailure e) {
            return refuse(cmd, e.getMessage().replace("--", ""));
        }
        return null;
    }

    private Session prepare(WireMessage.ProfileStart cmd, long received) {
        try {
            SpooledProfile profile = spool.create(cmd.profileId(), cmd.pid());
            return new Session(profile, request(cmd, Durations.parse(cmd.duration()), interval(cmd), profile.dir()),
                    received);
        } catch (RuntimeException e) {
            LOG.warning("cannot hold profile " + cmd.profileId() + " in the spool: " + e.getMessage());
            return null;
        }
    }

    private static Duration interval(WireMessage.ProfileStart cmd) {
        boolean timed = !cmd.event().equals("alloc") && !cmd.event().equals("lock");
        return timed ? Durations.parse(cmd.interval() == null ? "10ms" : cmd.interval()) : UNUSED_INTERVAL;
    }

    private static ProfileRequest request(WireMessage.ProfileStart cmd, Duration duration, Duration interval, Path dir) {
        Map<String, String> labels = cmd.labels();
        String title = "JVM " + cmd.pid() + " " + cmd.event()
                + (labels.containsKey("app") ? " (" + labels.get("app")
                + (labels.containsKey("release") ? " " + labels.get("release") : "") + ")" : "");
        return new ProfileRequest(cmd.pid(), duration, cmd.event(), interval, title,
                List.of(dir.resolve(Artifacts.RECORDING_FILE), dir.resolve(Artifacts.COLLAPSED_FILE),
                        dir.resolve(Artifacts.HTML_FILE)),
                // rules hook: a rule's look-back samples, written here before the run starts
                List.of(dir.resolve(RuleStarts.LOOKBACK_FILE)));
    }

    /** Ends a running profile early; what was recorded so far is still uploaded. */
    WireMessage.Reply cancel(WireMessage.ProfileCancel cmd) {
        for (Session s : running.values()) {
            if (s.profile.id().equals(cmd.profileId())) {
                s.cancelled = true;
                return new WireMessage.Reply(cmd.id(), true, null);
            }
        }
        return new WireMessage.Reply(cmd.id(), false, "profile " + cmd.profileId() + " is not being recorded by this"
                + " helper (it may be finished and uploading)");
    }

    /** The profiles being recorded now, to re-announce after a reconnect. */
    List<SpooledProfile> recording() {
        return running.values().stream().map(s -> s.profile).toList();
    }

    /**
     * Whether the spooled profile is still being recorded (else it is finished, or was cut off by a
     * restart). Synchronized with {@link #start}: a profile's spool entry exists a moment before it is
     * registered as running, and must not look like one left over from a helper that died.
     */
    synchronized boolean isRecording(SpooledProfile p) {
        Session s = running.get(p.pid());
        return s != null && s.profile == p;
    }

    private static WireMessage.Reply refuse(WireMessage.ProfileStart cmd, String why) {
        LOG.info("refused profile " + cmd.profileId() + " of JVM " + cmd.pid() + ": " + why);
        return new WireMessage.Reply(cmd.id(), false, why);
    }

    /** One run, on a worker thread. */
    private final class Session implements Runnable, ProfileListener {
        final SpooledProfile profile;
        final ProfileRequest request;
        final long accepted;
        /** How the time from the frame to the run was spent: for diagnosing a slow start. */
        volatile String admission = "";
        /** When the worker began the run: the helper's own checks and spool entry took until then. */
        volatile long started;
        volatile boolean cancelled;
        /** The profiler's account of the attach (its steps and their times), kept for the final report. */
        volatile String attachDetail = "";

        Session(SpooledProfile profile, ProfileRequest request, long received) {
            this.profile = profile;
            this.request = request;
            this.accepted = received;
        }

        @Override
        public void run() {
            started = System.nanoTime();
            Runnable outcome;
            try {
                ProfileResult result = profiler.profile(request, this);
                String detail = attachDetail + (cancelled ? "; cancelled early" : "")
                        + (result.warnings().isEmpty() ? "" : "; " + String.join("; ", result.warnings()));
                Artifacts.register(profile);
                outcome = () -> profile.report(ProfileStatus.UPLOADING, detail, result.engine(), result.samples(),
                        result.started().toString(), result.finished().toString(), null);
            } catch (CommandFailure e) {
                outcome = () -> failed(e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "profile " + profile.id() + " failed unexpectedly", e);
                outcome = () -> failed("internal error in the helper: " + e);
            }
            Runnable last = outcome;
            // after the states reported along the way, so the final one is not overtaken
            reports.execute(() -> {
                try {
                    last.run();
                } finally {
                    running.remove(request.pid(), this);
                }
                spool.enforceLimit(profile);
                recorded.accept(profile);
            });
        }

        private void failed(String error) {
            profile.report(ProfileStatus.FAILED, null, null, null, null, java.time.Instant.now().toString(), error);
        }

        @Override
        public void onState(String state, String detail) {
            ProfileStatus status = switch (state) {
                case "attaching" -> ProfileStatus.ATTACHING;
                case "profiling" -> ProfileStatus.PROFILING;
                case "rendering" -> ProfileStatus.RENDERING;
                default -> null;
            };
            if (status == ProfileStatus.PROFILING) {
                detail = (System.nanoTime() - accepted) / 1_000_000 + " ms from the command to sampling (frame to run "
                        + (started - accepted) / 1_000_000 + " ms: " + admission + "); " + detail;
                attachDetail = detail;
            }
            if (status != null) {
                String started = status == ProfileStatus.PROFILING ? java.time.Instant.now().toString() : null;
                String line = detail;
                // off the profiling thread: a disk write and a socket send must not delay the attach
                reports.execute(() -> {
                    profile.report(status, line, null, null, started, null, null);
                    report.accept(profile);
                });
            }
        }

        @Override
        public boolean stopRequested() {
            return cancelled;
        }
    }
}
