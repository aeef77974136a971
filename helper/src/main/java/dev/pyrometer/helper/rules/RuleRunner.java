package dev.pyrometer.helper.rules;

import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.profile.JfrLookback;
import java.time.Instant;
import dev.pyrometer.wire.WireMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Evaluates the rules on this host once a second, on its own thread, whether or not a controller is
 * reachable: samples the JVMs' CPU from /proc, asks the {@link RuleEngine} what fires, and starts those
 * profiles through the {@link Starter} while fewer than the cap of rule-started profiles run.
 */
public final class RuleRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuleRunner.class.getName());
    static final long SAMPLE_MILLIS = 1000;
    /** JVMs come and go rarely; listing them reads several /proc files each, the CPU sample only one. */
    static final long DISCOVERY_MILLIS = 5000;
    /** The look-back reaches this far before the JVM crossed the threshold: the build-up is what it is for. */
    static final java.time.Duration LOOKBACK_MARGIN = java.time.Duration.ofSeconds(5);

    /** Starts a rule's profile the way {@code profile.start} does. */
    public interface Starter {
        /** {@code lookback}: collapsed stacks from before the firing to merge into the profile, or null. */
        Start start(RuleEngine.Firing firing, JvmInfo jvm, String lookback);

        /** Whether a profile this starter started is still being recorded (it counts against the cap). */
        boolean running(String profileId);
    }

    /** How a start went: a profile id, or the JVM was already being profiled, or a refusal (with why). */
    public record Start(String profileId, boolean busy, String refusal) {
        public static Start started(String profileId) {
            return new Start(profileId, false, null);
        }

        public static Start alreadyProfiled() {
            return new Start(null, true, null);
        }

        public static Start refused(String why) {
            return new Start(null, false, why);
        }
    }

    private final RulesOptions options;
    private final Supplier<List<JvmInfo>> jvms;
    private final Starter starter;
    private final RuleEngine engine = new RuleEngine();
    private final CpuSampler sampler;
    private final LookbackRings rings;
    private final RememberedRules remembered;
    private final Set<String> active = new HashSet<>();
    /** JVMs a rule would profile but for the cap: logged once, not every second. */
    private final Set<Long> heldBack = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "helper-rules");
        t.setDaemon(true);
        return t;
    });
    private volatile List<RuleConfig> controllerRules = List.of();
    private volatile int controllerCap = 1;
    private Map<Long, JvmInfo> known = Map.of();
    private long listedAtMs;
    private boolean rulesChanged = true;

    /** {@code lookback} null: look-back rules run without it. */
    public RuleRunner(RulesOptions options, Supplier<List<JvmInfo>> jvms, Starter starter, JfrLookback lookback) {
        this(options, jvms, starter, lookback, null);
    }

    /** {@code remember}: where the controller's rules are kept across restarts (null: not kept). */
    public RuleRunner(RulesOptions options, Supplier<List<JvmInfo>> jvms, Starter starter, JfrLookback lookback,
                      java.nio.file.Path remember) {
        this.rings = lookback == null ? null : new LookbackRings(lookback);
        this.options = options;
        this.jvms = jvms;
        this.starter = starter;
        this.sampler = new CpuSampler(CpuSampler.clockTicksPerSecond());
        this.remembered = remember == null ? null : new RememberedRules(remember);
        if (remembered != null) {
            remembered.load().filter(set -> check(set) == null).ifPresent(set -> {
                use(set);
                LOG.info("rules from the controller, kept from the last run until it sends them: "
                        + controllerRules.size());
            });
        }
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::tickSafely, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopAndWait(thread);
        if (rings != null) {
            rings.close();
        }
    }

    /** Interrupts the thread's work and waits (bounded: attach commands have their own deadlines) for it to end. */
    static void stopAndWait(java.util.concurrent.ExecutorService thread) {
        thread.shutdownNow();
        try {
            thread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code rules.set}: replaces the controller's rules when every one is valid, else keeps the previous set. */
    public WireMessage.Reply apply(WireMessage.RulesSet set) {
        String problem = check(set);
        if (problem != null) {
            LOG.warning("refused rules.set " + set.id() + ": " + problem);
            return new WireMessage.Reply(set.id(), false, problem);
        }
        use(set);
        if (remembered != null) {
            remembered.save(set);
        }
        thread.execute(() -> rulesChanged = true);
        LOG.info("rules from the controller: " + controllerRules.size() + " (max " + set.maxConcurrent()
                + " rule-started profiles at once" + (options.maxRuleProfiles() != null ? ", overridden by"
                + " --max-rule-profiles " + options.maxRuleProfiles() : "") + ")");
        return new WireMessage.Reply(set.id(), true, null);
    }

    private void use(WireMessage.RulesSet set) {
        controllerRules = set.rules().stream().map(RuleConfig::of).toList();
        controllerCap = set.maxConcurrent();
    }

    private String check(WireMessage.RulesSet set) {
        if (set.maxConcurrent() < 1) {
            return "max_concurrent must be at least 1, got " + set.maxConcurrent();
        }
        Set<String> ids = new HashSet<>();
        options.fileRules().forEach(r -> ids.add(r.id()));
        for (int i = 0; i < set.rules().size(); i++) {
            var r = set.rules().get(i);
            try {
                RuleConfig.of(r);
            } catch (IllegalArgumentException e) {
                return "rule #" + (i + 1) + " ('" + r.id() + "'): " + e.getMessage();
            }
            if (!ids.add(r.id())) {
                return "rule #" + (i + 1) + ": id '" + r.id() + "' is used twice (or by the helper's --rules file)";
            }
        }
        return null;
    }

    List<RuleConfig> rules() {
        List<RuleConfig> all = new ArrayList<>(options.fileRules());
        all.addAll(controllerRules);
        return all;
    }

    /** The JVMs a look-back rule watches (and that can be attached to). */
    private Set<Long> lookbackTargets(List<RuleConfig> rules) {
        Set<Long> wanted = new HashSet<>();
        for (JvmInfo j : known.values()) {
            if (j.attachable() && rules.stream().anyMatch(r -> r.wire().lookback() && r.matches(j.app()))) {
                wanted.add(j.pid());
            }
        }
        return wanted;
    }

    /** Whether a rule's firing on this JVM is being held back by the cap right now. */
    boolean heldBack(long pid) {
        return heldBack.contains(pid);
    }

    int cap() {
        if (options.maxRuleProfiles() != null) {
            return options.maxRuleProfiles();
        }
        return controllerRules.isEmpty() ? 1 : controllerCap;
    }

    private void tickSafely() {
        try {
            tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            // one bad round must not end the rules for good: the executor drops a task that throws
            LOG.warning("rules: " + e);
        }
    }

    void tick(long nowMs) {
        List<RuleConfig> rules = rules();
        if (rules.isEmpty()) {
            if (!known.isEmpty() && rings != null) {
                rings.keep(Set.of(), known.keySet());
            }
            known = Map.of();
            return;
        }
        if (rulesChanged || nowMs - listedAtMs >= DISCOVERY_MILLIS) {
            rulesChanged = false;
            listedAtMs = nowMs;
            Map<Long, JvmInfo> list = new HashMap<>();
            jvms.get().forEach(j -> list.put(j.pid(), j));
            known = list;
            if (rings != null) {
                rings.keep(lookbackTargets(rules), Set.copyOf(known.keySet()));
            }
        }
        Map<Long, Double> cpu = sampler.sample(known.keySet());
        List<RuleEngine.Observation> observed = new ArrayList<>();
        cpu.forEach((pid, percent) -> observed.add(new RuleEngine.Observation(pid, known.get(pid).app(), percent)));
        List<RuleEngine.Firing> firings = engine.evaluate(nowMs, rules, observed);
        active.removeIf(id -> !starter.running(id));
        for (RuleEngine.Firing f : firings) {
            if (active.size() >= cap()) {
                if (heldBack.add(f.pid())) {
                    LOG.info("rule " + f.rule().id() + " holds on JVM " + f.pid() + " (" + f.observedCpuPercent()
                            + "% CPU) but " + active.size() + " rule-started profiles already run (the cap; raise"
                            + " max_concurrent or --max-rule-profiles); it fires when one ends if still hot");
                }
                continue; // stays armed: fires once a slot frees, if the JVM is still hot
            }
            heldBack.remove(f.pid());
            String lookback = f.rule().wire().lookback() && rings != null
                    ? rings.dump(f.pid(), Instant.ofEpochMilli(nowMs).minus(f.rule().forDuration()).minus(LOOKBACK_MARGIN))
                    : null;
            Start start = starter.start(f, known.get(f.pid()), lookback);
            if (start.busy()) {
                continue; // someone else is profiling it: that is not this rule's firing
            }
            // a refusal burns the cooldown too, so a JVM we cannot profile is not retried every second
            engine.fired(f, nowMs);
            if (start.profileId() != null) {
                active.add(start.profileId());
                LOG.info("rule " + f.rule().id() + " fired on JVM " + f.pid() + " at " + f.observedCpuPercent()
                        + "% CPU (threshold " + f.rule().cpuPercent() + "% for " + f.rule().wire().forDuration()
                        + "): profile " + start.profileId());
            } else {
                LOG.warning("rule " + f.rule().id() + " fired on JVM " + f.pid() + " at " + f.observedCpuPercent()
                        + "% CPU but the profile was refused: " + start.refusal());
            }
        }
    }
}
