package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import dev.pyrometer.helper.testing.Jcmd;
import dev.pyrometer.helper.testing.TargetProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look-back ring in a real pegged JVM: started, dumped into a profile taken after it, stopped. */
class JfrLookbackTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void samplesFromBeforeTheProfileStartAreMergedIntoIt() throws Exception {
        Profiler profiler = new Profiler(dir.resolve("work"));
        JfrLookback lookback = new JfrLookback(profiler.agentPathInTarget());
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            lookback.start(target.pid());
            lookback.start(target.pid()); // a second start (helper restarted) changes nothing
            Instant ringStarted = Instant.now();
            Path ring = dir.resolve("ring.jfr");
            // wait until the ring holds samples of the hot method (with a deadline)
            long end = System.nanoTime() + DEADLINE.toNanos();
            String before;
            do {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                before = lookback.dump(target.pid(), ringStarted, ring);
                assertTrue(System.nanoTime() < end, "no look-back samples within " + DEADLINE + ": " + before);
            } while (!before.contains("CpuBurner.burn"));
            Path lookbackFile = Files.writeString(dir.resolve("lookback.collapsed"), before);

            Path recording = dir.resolve("p.jfr");
            Path collapsed = dir.resolve("p.collapsed");
            ProfileResult result = profiler.profile(new ProfileRequest(target.pid(), Duration.ofSeconds(1), "cpu",
                    Duration.ofMillis(10), "t", List.of(recording, collapsed), List.of(lookbackFile)), (state, detail) -> { });

            List<Instant> hot = hotSampleTimes(ring);
            assertFalse(hot.isEmpty(), "the ring has execution samples of the hot method");
            assertTrue(hot.get(0).isBefore(result.started()), "look-back samples precede the profile: first "
                    + hot.get(0) + ", profile started " + result.started());

            Path profileOnly = dir.resolve("only.collapsed");
            FlameGraphs.render(List.of(recording), List.of(profileOnly), RenderOptions.defaults());
            assertEquals(total(profileOnly) + total(lookbackFile), total(collapsed),
                    "the profile's collapsed stacks are its own samples plus the look-back's");

            lookback.stop(target.pid());
            String check = Jcmd.run(profiler.agentPathInTarget(), target.pid(), "JFR.check");
            assertFalse(check.contains(JfrLookback.RECORDING), "stopped: " + check);
            lookback.stop(target.pid()); // nothing to stop: fine
        }
    }

    private static List<Instant> hotSampleTimes(Path jfr) throws Exception {
        return RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .filter(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getName().equals("burn")))
                .map(RecordedEvent::getStartTime).sorted().toList();
    }

    private static long total(Path collapsed) throws Exception {
        return Files.readAllLines(collapsed).stream().filter(l -> l.lastIndexOf(' ') > 0)
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum();
    }
}
