package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.testing.Collapsed;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Profiles real CPU-burning JVMs from outside and checks what the recording says. */
class ProfilerTest {

    static final int OVERSUBSCRIBED = 2 * Runtime.getRuntime().availableProcessors();

    @TempDir
    Path work;

    @Test
    void profilesAPeggedJvmAndTheHotMethodDominates() throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of(), Integer.toString(OVERSUBSCRIBED))) {
            List<String> states = new ArrayList<>();
            List<String> boostedWhileProfiling = new ArrayList<>();
            Path jfr = work.resolve("out.jfr");
            ProfileResult result = new Profiler(work.resolve("home")).profile(
                    new ProfileRequest(target.pid(), Duration.ofSeconds(2), "cpu", Duration.ofMillis(10), "t",
                            List.of(jfr)),
                    (state, detail) -> {
                        states.add(state);
                        if (state.equals("profiling")) {
                            try {
                                boostedWhileProfiling.addAll(threadsNotAtNice(target.pid(), niceOfMain(target.pid())));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
            assertEquals(List.of(), boostedWhileProfiling, "nothing stays boosted while the agent records");

            assertEquals(List.of("checking", "attaching", "profiling", "rendering"), states);
            assertEquals(jfr, result.recording());
            assertTrue(Files.size(jfr) > 0);
            assertTrue(result.samples() > 50, "samples: " + result.samples());
            assertTrue(List.of("cpu", "ctimer", "wall").contains(result.engine()), result.engine());
            assertTrue(result.attachTime().toNanos() > 0);
            assertHotMethodDominates(Collapsed.of(jfr));
            assertNoSessionDirectoryLeft(target.pid());
            assertTrue(target.isAlive(), "the target must survive being profiled");
            assertEquals(List.of(), threadsNotAtNice(target.pid(), niceOfMain(target.pid())),
                    "boosted threads must be put back");
        }
    }

    /**
     * An allocation or lock profile is drawn from its own samples: the converter reads execution
     * samples unless told otherwise, which once left these graphs empty. The samples reported are
     * the graph's total.
     */
    @ParameterizedTest
    @CsvSource({"alloc, CpuBurner.churn", "lock, CpuBurner.contend"})
    void allocationAndLockProfilesDrawTheirOwnSamples(String event, String method) throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of(), "3", event)) {
            Path jfr = work.resolve(event + ".jfr");
            Path collapsed = work.resolve(event + ".collapsed");
            ProfileResult result = new Profiler(work.resolve("home")).profile(
                    new ProfileRequest(target.pid(), Duration.ofSeconds(2), event, Duration.ofMillis(10), "t",
                            List.of(jfr, collapsed)), (s, d) -> { });
            Collapsed stacks = Collapsed.read(collapsed);
            assertTrue(result.samples() > 0, event + " samples: " + result.samples());
            assertEquals(result.samples(), stacks.total(), "the graph holds every " + event + " sample");
            assertTrue(stacks.containing(method) * 2 > stacks.total(), method + " dominates: " + stacks.lines());

            // A CPU recording of the same JVM is a different kind of sample: a comparison refuses the pair.
            Path cpu = work.resolve("cpu.jfr");
            new Profiler(work.resolve("home")).profile(new ProfileRequest(target.pid(), Duration.ofSeconds(1), "itimer",
                    Duration.ofMillis(10), "t", List.of(cpu)), (s, d) -> { });
            var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.pyrometer.cli.CommandFailure.class,
                    () -> dev.pyrometer.flame.FlameGraphs.diff(List.of(cpu), List.of(jfr), work.resolve("d.html"),
                            dev.pyrometer.flame.DiffOptions.defaults()));
            assertTrue(refused.getMessage().contains("holds execution samples") && refused.getMessage().contains(event),
                    refused.getMessage());
        }
    }

    @Test
    void secondProfileOfTheSameJvmReusesTheLoadedAgent() throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            Profiler profiler = new Profiler(work.resolve("home"));
            for (int i = 0; i < 2; i++) {
                Path jfr = work.resolve("run" + i + ".jfr");
                ProfileResult result = profiler.profile(new ProfileRequest(target.pid(), Duration.ofSeconds(1), "itimer",
                        Duration.ofMillis(10), null, List.of(jfr)), (s, d) -> { });
                assertEquals("itimer", result.engine());
                assertHotMethodDominates(Collapsed.of(jfr));
            }
        }
    }

    static void assertHotMethodDominates(Collapsed collapsed) {
        long total = collapsed.total();
        long hot = collapsed.containing("CpuBurner.burn");
        assertTrue(total > 20, "too few samples: " + total);
        // The burners hold nearly every sample; JIT, GC and the agent itself take a few.
        assertTrue(hot >= 0.7 * total, "CpuBurner.burn holds " + hot + " of " + total + " samples");
    }

    static void assertNoSessionDirectoryLeft(long pid) throws IOException {
        Path tmp = Path.of("/proc", Long.toString(pid), "root", "tmp");
        try (Stream<Path> files = Files.list(tmp)) {
            String prefix = "pyrometer-" + nsPid(pid) + "-";
            List<Path> left = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertTrue(left.isEmpty(), "session directories left: " + left);
        }
    }

    /** The nice value the target was started with (the tests may run under nice themselves). */
    static int niceOfMain(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    /** Threads of {@code pid} whose nice value is not {@code nice}, as "name=nice". */
    static List<String> threadsNotAtNice(long pid, int nice) throws IOException {
        List<String> odd = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                int n = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
                if (n != nice) {
                    odd.add(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')) + "=" + n);
                }
            }
        }
        return odd;
    }

    static long nsPid(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("NSpid:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return Long.parseLong(f[f.length - 1]);
            }
        }
        return pid;
    }
}
