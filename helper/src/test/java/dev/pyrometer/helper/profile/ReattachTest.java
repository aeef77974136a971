package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.attach.ProcessControl;
import dev.pyrometer.helper.testing.Collapsed;
import dev.pyrometer.helper.testing.CpuBurner;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second profile of a JVM our agent already runs in takes the short way (no /proc checks, no
 * library placement), and only while the pid still names that very process.
 */
class ReattachTest {

    @TempDir
    Path work;

    private Profiler profiler() {
        // the daemon's set-up: system calls made in-process
        return new Profiler(work.resolve("home"), Renderer.IN_PROCESS, ProcessControl.direct());
    }

    @Test
    void secondProfileSkipsTheChecksAndLeavesNothingBoosted() throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of(), Integer.toString(ProfilerTest.OVERSUBSCRIBED))) {
            Profiler profiler = profiler();
            assertFalse(profiler.attachedBefore(target.pid()));
            List<String> first = profile(profiler, target.pid(), "first");
            assertEquals(List.of("checking", "attaching", "profiling", "rendering"), first);
            assertTrue(profiler.attachedBefore(target.pid()));

            List<String> details = new ArrayList<>();
            List<String> again = new ArrayList<>();
            Path jfr = work.resolve("again.jfr");
            profiler.profile(request(target.pid(), jfr), (state, detail) -> {
                again.add(state);
                details.add(detail);
            });
            assertEquals(List.of("checking", "profiling", "rendering"), again, "no attaching step the second time");
            assertTrue(details.get(1).contains("attached before"), details.get(1));
            ProfilerTest.assertHotMethodDominates(Collapsed.of(jfr));
            assertTrue(target.isAlive(), "the target must survive being profiled");
            assertEquals(List.of(), ProfilerTest.threadsNotAtNice(target.pid(), ProfilerTest.niceOfMain(target.pid())),
                    "boosted threads must be put back");
            ProfilerTest.assertNoSessionDirectoryLeft(target.pid());
        }
    }

    @Test
    void aJvmThatGotTheSamePidIsCheckedAfresh() throws IOException {
        assumeTrue(AttachCheck.runningAsRoot(), "reusing a pid on purpose needs root (ns_last_pid)");
        Profiler profiler = profiler();
        long pid;
        try (TargetProcess first = TargetProcess.burner(List.of(), "2")) {
            pid = first.pid();
            profile(profiler, pid, "first");
            assertTrue(profiler.attachedBefore(pid));
        }
        try (TargetProcess second = burnerWithPid(pid)) {
            assumeTrue(second != null, "other processes took pid " + pid + " first every time; nothing to test");
            assertFalse(profiler.attachedBefore(pid), "a new process with the old pid is not the JVM attached before");
            List<String> states = profile(profiler, pid, "second");
            assertEquals(List.of("checking", "attaching", "profiling", "rendering"), states,
                    "the new JVM goes through every check and gets the agent loaded");
            assertTrue(profiler.attachedBefore(pid));
        }
    }

    private List<String> profile(Profiler profiler, long pid, String name) throws IOException {
        List<String> states = new ArrayList<>();
        Path jfr = work.resolve(name + ".jfr");
        profiler.profile(request(pid, jfr), (state, detail) -> states.add(state));
        ProfilerTest.assertHotMethodDominates(Collapsed.of(jfr));
        return states;
    }

    private static ProfileRequest request(long pid, Path jfr) {
        return new ProfileRequest(pid, Duration.ofSeconds(2), "itimer", Duration.ofMillis(10), null, List.of(jfr));
    }

    /**
     * A burner JVM started on {@code pid}: the kernel hands out the pid after the one written to
     * {@code ns_last_pid}, unless another process forks in between, so try a few times.
     */
    private static TargetProcess burnerWithPid(long pid) throws IOException {
        Path lastPid = Path.of("/proc/sys/kernel/ns_last_pid");
        List<String> cmd = List.of(TargetProcess.java(null), "-cp", TargetProcess.classesOutsideTmp().toString(),
                CpuBurner.class.getName(), "2");
        for (int attempt = 0; attempt < 200; attempt++) {
            Files.writeString(lastPid, Long.toString(pid - 1));
            TargetProcess p = TargetProcess.startAndAwaitReady(cmd, "ready", got -> got == pid);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
