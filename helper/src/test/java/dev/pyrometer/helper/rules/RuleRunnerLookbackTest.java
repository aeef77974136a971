package dev.pyrometer.helper.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.profile.JfrLookback;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.testing.Jcmd;
import dev.pyrometer.helper.testing.TargetProcess;
import dev.pyrometer.wire.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A look-back rule on a real pegged JVM: the ring runs in it, its samples come with the firing, it is stopped after. */
class RuleRunnerLookbackTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aLookbackRuleHandsTheRingsSamplesToTheProfileAndStopsTheRingWhenClosed() throws Exception {
        Profiler profiler = new Profiler(dir.resolve("work"));
        String agent = profiler.agentPathInTarget();
        AtomicReference<String> lookback = new AtomicReference<>();
        RuleRunner.Starter starter = new RuleRunner.Starter() {
            @Override
            public RuleRunner.Start start(RuleEngine.Firing firing, JvmInfo jvm, String samples) {
                if (samples == null || !samples.contains("CpuBurner.burn")) {
                    // the ring is still starting: "busy" keeps the rule armed, so it fires again next second
                    return RuleRunner.Start.alreadyProfiled();
                }
                lookback.set(samples);
                return RuleRunner.Start.started("p1");
            }

            @Override
            public boolean running(String profileId) {
                return true;
            }
        };
        String app = "lookback-" + Long.toHexString(System.nanoTime());
        try (TargetProcess hot = TargetProcess.burner(List.of("-Dpyrometer.app=" + app), "2")) {
            var discovery = new JvmDiscovery(agent, Duration.ofMillis(1));
            var rule = RuleConfig.of(new Rule("lb", 15, "1s", "5s", "cpu", null, "1h", app, true));
            try (var runner = new RuleRunner(new RulesOptions(List.of(rule), null),
                    () -> discovery.list().stream().filter(j -> j.pid() == hot.pid()).toList(), starter,
                    new JfrLookback(agent))) {
                runner.start();
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (lookback.get() == null) {
                    assertTrue(System.nanoTime() < end, "no firing with look-back samples within " + DEADLINE);
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                assertTrue(Jcmd.run(agent, hot.pid(), "JFR.check").contains(JfrLookback.RECORDING), "the ring runs while watched");
            }
            assertTrue(lookback.get().lines().allMatch(l -> l.matches(".+ \\d+")), "collapsed stacks: " + lookback);
            assertFalse(Jcmd.run(agent, hot.pid(), "JFR.check").contains(JfrLookback.RECORDING), "closing the runner stops the ring");
        }
    }
}
