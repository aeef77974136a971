package dev.pyrometer.helper.daemon;

import dev.pyrometer.helper.attach.HotSpotAttach;
import dev.pyrometer.helper.attach.ProcessControl;
import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.rules.RuleRunner;
import dev.pyrometer.helper.rules.RulesOptions;
import dev.pyrometer.helper.spool.Spool;
import dev.pyrometer.helper.spool.SpooledProfile;
import dev.pyrometer.helper.upload.Uploader;
import dev.pyrometer.wire.Protocol;
import dev.pyrometer.wire.WireMessage;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The long-running helper ({@code serve}): keeps a WebSocket to the controller, reports this host's
 * JVMs, runs the profiles it is asked for and hands their artifacts over through the spool.
 */
public final class HelperDaemon {
    private static final Logger LOG = Logger.getLogger(HelperDaemon.class.getName());

    private final DaemonConfig config;
    private final ControllerLink link;
    private final ProfileSessions sessions;
    private final UploadWorker uploads;
    private final InventoryReporter inventory;
    private final Spool spool;
    private final RuleRunner rules;
    private final ExecutorService workers = Executors.newCachedThreadPool(named("helper-work"));
    private final ExecutorService reports = Executors.newSingleThreadExecutor(named("helper-report"));
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, named("helper-timer"));

    public HelperDaemon(DaemonConfig config) {
        this(config, RulesOptions.NONE);
    }

    public HelperDaemon(DaemonConfig config, RulesOptions rulesOptions) {
        this.config = config;
        // rendering in a child JVM keeps the renderer out of this long-lived heap and metaspace
        // in-process system calls: the bridge loads once here, not on a profile's path
        Profiler profiler = new Profiler(config.workDir(), dev.pyrometer.helper.render.ChildRenderer.sameAsThisJvm(),
                ProcessControl.direct());
        this.spool = Spool.open(config.spoolDir(), config.spoolMaxBytes());
        HttpClient http = HttpClient.newBuilder().connectTimeout(ControllerLink.CONNECT_DEADLINE)
                .executor(workers).build();
        this.link = new ControllerLink(http, config.controller(), config.token(), this::onMessage, l -> onConnected());
        this.sessions = new ProfileSessions(profiler, spool, workers, reports, this::sendState, p -> wakeUploads());
        this.uploads = new UploadWorker(spool, new Uploader(http, config.controller(), config.token()), link, sessions);
        JvmDiscovery discovery = new JvmDiscovery(warm(profiler), JvmDiscovery.DEFAULT_CPU_WINDOW);
        this.inventory = new InventoryReporter(discovery, link);
        // rules hook: evaluated here, on their own thread, so they fire while the controller is away
        this.rules = new RuleRunner(rulesOptions, discovery::list, new RuleStarts(sessions, spool, this::announce),
                new dev.pyrometer.helper.profile.JfrLookback(profiler.agentPathInTarget()),
                config.spoolDir().resolve("controller-rules.json"));
    }

    /**
     * Pays every one-time cost now rather than when the first profile is asked for on a pegged host:
     * the attach classes, the agent library on disk.
     */
    private static String warm(Profiler profiler) {
        HotSpotAttach.warmUp();
        return profiler.agentPathInTarget();
    }

    /** Runs until {@link #stop()}; throws {@link TokenRejected} when the token is refused. */
    public void run() {
        LOG.info("helper " + config.host() + " serving " + config.controller() + " (spool " + config.spoolDir()
                + ", " + spool.held().size() + " profiles held)");
        workers.execute(uploads);
        rules.start();
        long beat = Protocol.HEARTBEAT_INTERVAL.toMillis();
        timers.scheduleWithFixedDelay(() -> link.heartbeat(new WireMessage.Heartbeat(Instant.now().toString())),
                beat, beat, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::lookAtJvms, beat, beat, TimeUnit.MILLISECONDS);
        try {
            link.run();
        } finally {
            stop();
        }
    }

    public void stop() {
        link.stop();
        rules.close();
        uploads.stop();
        timers.shutdownNow();
        reports.shutdown();
        workers.shutdown();
    }

    private void lookAtJvms() {
        try {
            inventory.tick();
        } catch (RuntimeException e) {
            LOG.warning("inventory: " + e);
        }
    }

    /** Every (re)connect: hello, inventory, then the state of every profile still held. */
    private void onConnected() {
        link.send(HostFacts.hello(config.host()));
        inventory.sendNow();
        for (SpooledProfile p : spool.held()) {
            announce(p); // rules hook: the controller may not have seen a rule-started profile yet
            if (sessions.isRecording(p) || p.state() == dev.pyrometer.wire.ProfileStatus.UPLOADING) {
                link.send(p.message());
            }
        }
        wakeUploads();
    }

    /** A profile's state, after its {@code profile.created} when a rule started it and it is not yet announced. */
    private void sendState(SpooledProfile p) {
        if (!p.awaitsAnnouncement() || announce(p)) {
            link.send(p.message());
        }
    }

    /** Rules hook: (re-)sends a rule-started profile's {@code profile.created}; false when it could not go out. */
    private boolean announce(SpooledProfile p) {
        var created = p.createdMessage();
        if (created.isEmpty() || !link.send(created.get())) {
            return created.isEmpty();
        }
        if (p.awaitsAnnouncement()) {
            p.markAnnounced();
        }
        return true;
    }

    private void wakeUploads() {
        uploads.wake();
    }

    /** Frames from the controller; commands run off the socket's thread, each answered with a reply. */
    private void onMessage(WireMessage m) {
        if (m instanceof WireMessage.RulesSet set) {
            workers.execute(() -> link.send(rules.apply(set)));
        } else if (m instanceof WireMessage.ProfileStart start) {
            long received = System.nanoTime(); // the hand-off and checks count in the command's reported time
            workers.execute(() -> sessions.run(start, received, link::send));
        } else if (m instanceof WireMessage.ProfileCancel cancel) {
            workers.execute(() -> link.send(sessions.cancel(cancel)));
        } else if (m instanceof WireMessage.Ping ping) {
            workers.execute(() -> link.send(new WireMessage.Reply(ping.id(), true, null)));
        } else if (m instanceof WireMessage.Error error) {
            LOG.warning("controller answered " + error.re() + " with an error: " + error.message());
        } else {
            workers.execute(() -> link.send(new WireMessage.Error(m.type(), "a helper does not accept '"
                    + m.type() + "' frames")));
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
