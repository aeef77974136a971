package dev.pyrometer.helper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.profile.AgentLibrary;
import dev.pyrometer.helper.testing.TargetProcess;
import dev.pyrometer.wire.Rule;
import dev.pyrometer.wire.WireMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The runner against real JVMs: a pegged one and an idle one, sampled from /proc once a second. */
class RuleRunnerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Takes the place of the daemon's profile sessions: remembers each start; "recording" until released. */
    private static final class Recorder implements RuleRunner.Starter {
        final List<RuleEngine.Firing> firings = new CopyOnWriteArrayList<>();
        final Set<String> recording = ConcurrentHashMap.newKeySet();

        @Override
        public RuleRunner.Start start(RuleEngine.Firing firing, JvmInfo jvm, String lookback) {
            firings.add(firing);
            String id = "p" + firings.size();
            recording.add(id);
            return RuleRunner.Start.started(id);
        }

        @Override
        public boolean running(String profileId) {
            return recording.contains(profileId);
        }

        List<Long> pids() {
            return firings.stream().map(RuleEngine.Firing::pid).toList();
        }
    }

    /** The real discovery, seeing only this test's JVMs: other builds on the host run JVMs too. */
    private static java.util.function.Supplier<List<JvmInfo>> jvms(TargetProcess... ours) {
        Set<Long> pids = java.util.Arrays.stream(ours).map(TargetProcess::pid).collect(java.util.stream.Collectors.toSet());
        var discovery = new JvmDiscovery(AgentLibrary.expectedPathInTarget(), Duration.ofMillis(1));
        return () -> discovery.list().stream().filter(j -> pids.contains(j.pid())).toList();
    }

    private static Rule rule(String id, String app) {
        return new Rule(id, 20, "2s", "5s", "cpu", null, "1h", app, false);
    }

    @Test
    void firesOnAPeggedJvmAndNotOnAnIdleOneWithoutAnyoneAsking() throws Exception {
        var recorder = new Recorder();
        try (TargetProcess idle = TargetProcess.burner(List.of("-Dpyrometer.app=shop"), "0");
             TargetProcess hot = TargetProcess.burner(List.of("-Dpyrometer.app=shop"), "2");
             TargetProcess otherApp = TargetProcess.burner(List.of("-Dpyrometer.app=billing"), "2");
             var runner = new RuleRunner(new RulesOptions(List.of(RuleConfig.of(rule("hot-shop", "shop"))), null),
                     jvms(idle, hot, otherApp), recorder, null)) {
            runner.start();
            await("the rule fires on the pegged JVM", () -> recorder.pids().contains(hot.pid()));
            RuleEngine.Firing f = recorder.firings.get(0);
            assertEquals("hot-shop", f.rule().id());
            assertTrue(f.observedCpuPercent() >= 20, "observed " + f.observedCpuPercent());
            // the idle JVM and the other app's were sampled over the same seconds
            assertFalse(recorder.pids().contains(idle.pid()), "an idle JVM does not fire: " + recorder.firings);
            assertFalse(recorder.pids().contains(otherApp.pid()), "app 'billing' is not 'shop': " + recorder.firings);
        }
    }

    @Test
    void capsConcurrentRuleProfilesAndHoldsTheCooldown() throws Exception {
        var recorder = new Recorder();
        try (TargetProcess one = TargetProcess.burner(List.of(), "1");
             TargetProcess two = TargetProcess.burner(List.of(), "1");
             var runner = new RuleRunner(RulesOptions.NONE, jvms(one, two), recorder, null)) {
            WireMessage.Reply reply = runner.apply(new WireMessage.RulesSet("r1",
                    List.of(new Rule("hot", 15, "1s", "5s", "cpu", null, "1h", null, false)), 1));
            assertTrue(reply.ok(), String.valueOf(reply.message()));
            runner.start();
            await("one rule profile starts", () -> recorder.pids().stream().anyMatch(p -> p == one.pid() || p == two.pid()));
            long first = recorder.firings.get(0).pid();
            long second = first == one.pid() ? two.pid() : one.pid();
            // the other pegged JVM's condition holds too: only the cap holds it back
            await("the second held back by the cap", () -> runner.heldBack(second));
            assertEquals(List.of(first), recorder.pids(), "cap 1: the second waits while the first records");
            recorder.recording.clear();
            await("the second fires once the slot is free", () -> recorder.pids().contains(second));
            assertEquals(List.of(first, second), recorder.pids(), "the first fired once (disarmed, cooling down)");
        }
    }

    @Test
    void refusesARulesSetWithABadRuleAndKeepsThePreviousOne() {
        try (var runner = new RuleRunner(RulesOptions.NONE, List::of, new Recorder(), null)) {
            assertTrue(runner.apply(new WireMessage.RulesSet("r1", List.of(rule("a", null)), 2)).ok());
            WireMessage.Reply bad = runner.apply(new WireMessage.RulesSet("r2",
                    List.of(new Rule("b", 50, "2s", "5s", "cpu", "fast", "1h", null, false)), 1));
            assertFalse(bad.ok());
            assertEquals("rule #1 ('b'): field 'interval' must be like 10ms or 500us, got 'fast'", bad.message());
            assertEquals(List.of("a"), runner.rules().stream().map(RuleConfig::id).toList());
            assertEquals(2, runner.cap());
            assertFalse(runner.apply(new WireMessage.RulesSet("r3", List.of(rule("c", null)), 0)).ok());
        }
    }

    @Test
    void keepsTheControllersLastRulesForARestartWhileItIsAway(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path kept = dir.resolve("controller-rules.json");
        try (var runner = new RuleRunner(RulesOptions.NONE, List::of, new Recorder(), null, kept)) {
            assertTrue(runner.apply(new WireMessage.RulesSet("r1", List.of(rule("a", "shop"), rule("b", null)), 3)).ok());
            assertFalse(runner.apply(new WireMessage.RulesSet("r2", List.of(rule("", null)), 1)).ok(), "a refused set is not kept");
        }
        try (var restarted = new RuleRunner(RulesOptions.NONE, List::of, new Recorder(), null, kept)) {
            assertEquals(List.of("a", "b"), restarted.rules().stream().map(RuleConfig::id).toList());
            assertEquals(3, restarted.cap());
            assertTrue(restarted.apply(new WireMessage.RulesSet("r3", List.of(), 1)).ok());
        }
        try (var again = new RuleRunner(RulesOptions.NONE, List::of, new Recorder(), null, kept)) {
            assertEquals(List.of(), again.rules(), "an emptied set is kept empty");
        }
    }

    private static void await(String what, BooleanSupplier done) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
