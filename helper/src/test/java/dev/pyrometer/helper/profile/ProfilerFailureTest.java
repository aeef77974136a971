package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.cli.ExitCodes;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a target can refuse to be profiled, with a real process: a one-line cause, and nobody hurt. */
class ProfilerFailureTest {

    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path work;

    private CommandFailure profileFails(long pid) {
        return assertThrows(CommandFailure.class, () -> new Profiler(work.resolve("home")).profile(request(pid, 2),
                (s, d) -> { }));
    }

    private ProfileRequest request(long pid, int seconds) {
        return new ProfileRequest(pid, Duration.ofSeconds(seconds), "cpu", Duration.ofMillis(10), null,
                List.of(work.resolve(pid + ".jfr")));
    }

    @Test
    void noSuchProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        CommandFailure f = profileFails(p.pid());
        assertEquals(ExitCodes.TARGET, f.exitCode());
        assertTrue(f.getMessage().contains("no process with pid " + p.pid()), f.getMessage());
    }

    @Test
    void notAJvmIsNeverSignalled() throws IOException {
        try (TargetProcess sleep = TargetProcess.startAndAwaitReady(List.of("sleep", "600"), null)) {
            CommandFailure f = profileFails(sleep.pid());
            assertEquals(ExitCodes.TARGET, f.exitCode());
            assertTrue(f.getMessage().contains("not a HotSpot JVM"), f.getMessage());
            assertTrue(sleep.isAlive(), "a SIGQUIT would have killed sleep");
        }
    }

    @Test
    void attachMechanismDisabled() throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of("-XX:+DisableAttachMechanism"), "1")) {
            CommandFailure f = profileFails(target.pid());
            assertTrue(f.getMessage().contains("-XX:+DisableAttachMechanism"), f.getMessage());
            assertTrue(f.getMessage().contains("restart it without"), f.getMessage());
            assertTrue(target.isAlive());
        }
    }

    @Test
    void reducedSignalUsageJvmIsProfiledThroughItsStartupSocketAndNeverSignalled() throws IOException {
        try (TargetProcess target = TargetProcess.burner(List.of("-Xrs"), "1")) {
            // -Xrs: HotSpot opens the attach socket at startup, no SIGQUIT is needed (or sent).
            Path socket = Path.of("/tmp/.java_pid" + target.pid());
            awaitFile(socket);
            ProfileResult result = new Profiler(work.resolve("home")).profile(request(target.pid(), 1), (s, d) -> { });
            assertTrue(result.samples() > 0);

            // A /tmp cleaner removed the socket: now only a signal could help, and it would kill the JVM.
            Files.delete(socket);
            CommandFailure f = profileFails(target.pid());
            assertTrue(f.getMessage().contains("does not handle SIGQUIT"), f.getMessage());
            assertTrue(target.isAlive(), "the -Xrs JVM must still be alive");
        }
    }

    private static void awaitFile(Path file) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < end, file + " never appeared");
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void dynamicAgentLoadingDisabledOnJdk25() throws IOException {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
        try (TargetProcess target = TargetProcess.burner(List.of(), JDK25.toString(),
                List.of("-XX:-EnableDynamicAgentLoading"), "1")) {
            CommandFailure f = profileFails(target.pid());
            assertTrue(f.getMessage().contains("-XX:-EnableDynamicAgentLoading"), f.getMessage());
            assertTrue(target.isAlive());
        }
    }

    @Test
    void anotherAsyncProfilerAlreadyLoaded() throws IOException {
        Path foreign = work.resolve("other").resolve("libasyncProfiler.so");
        Files.createDirectories(foreign.getParent());
        try (var in = getClass().getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            assumeTrue(in != null, "no linux-x64 async-profiler library on this machine");
            Files.copy(in, foreign);
        }
        try (TargetProcess target = TargetProcess.burner(List.of("-agentpath:" + foreign), "1")) {
            CommandFailure f = profileFails(target.pid());
            assertTrue(f.getMessage().contains("another async-profiler"), f.getMessage());
            assertTrue(f.getMessage().contains(foreign.toString()), f.getMessage());
        }
    }

    @Test
    void aSecondSessionFailsFastWhileTheFirstRuns() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            Profiler first = new Profiler(work.resolve("home"));
            CountDownLatch profiling = new CountDownLatch(1);
            CompletableFuture<ProfileResult> running = CompletableFuture.supplyAsync(() -> first.profile(
                    request(target.pid(), 4), (state, detail) -> {
                        if (state.equals("profiling")) {
                            profiling.countDown();
                        }
                    }));
            assertTrue(profiling.await(60, TimeUnit.SECONDS), "first session never started");

            CommandFailure sameHelper = assertThrows(CommandFailure.class, () -> first.profile(
                    request(target.pid(), 1), (s, d) -> { }));
            assertTrue(sameHelper.getMessage().contains("already being profiled by this helper"), sameHelper.getMessage());

            Profiler otherHelper = new Profiler(work.resolve("other-home"));
            CommandFailure f = assertThrows(CommandFailure.class, () -> otherHelper.profile(
                    new ProfileRequest(target.pid(), Duration.ofSeconds(1), "cpu", Duration.ofMillis(10), null,
                            List.of(work.resolve("second.jfr"))), (s, d) -> { }));
            assertTrue(f.getMessage().contains("already running"), f.getMessage());

            ProfileResult result = running.get(60, TimeUnit.SECONDS);
            assertTrue(result.samples() > 0, "the first session must be unharmed");
        }
    }

    @Test
    void aTargetThatNeverAnswersHitsTheAttachDeadline() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "1")) {
            // A stopped process is the extreme of a JVM stuck before a safepoint: nothing in it runs.
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(target.pid())).start().waitFor());
            try {
                CommandFailure f = profileFails(target.pid());
                assertEquals(ExitCodes.TARGET, f.exitCode());
                assertTrue(f.getMessage().contains("did not open its attach socket within"), f.getMessage());
                assertTrue(f.getMessage().contains("never started"), f.getMessage());
            } finally {
                assertEquals(0, new ProcessBuilder("kill", "-CONT", Long.toString(target.pid())).start().waitFor());
            }
            assertTrue(target.isAlive());
        }
    }

    @Test
    void targetExitingMidProfileKeepsWhatWasRecorded() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            ProfileResult result = new Profiler(work.resolve("home")).profile(request(target.pid(), 30),
                    (state, detail) -> {
                        if (state.equals("profiling")) {
                            try {
                                target.requestExit();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
            assertTrue(result.warnings().stream().anyMatch(w -> w.contains("exited")), result.warnings().toString());
            assertTrue(Files.size(result.recording()) > 0);
            // Once the JVM is gone its directory is out of reach: the trigger file must be gone before that.
            assertTrue(Files.notExists(Path.of(".attach_pid" + target.pid())), "trigger file left in the target's cwd");
            try (var tmp = Files.list(Path.of("/tmp"))) {
                String prefix = "pyrometer-" + target.pid() + "-";
                assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().startsWith(prefix)).toList(),
                        "session directory left in /tmp");
            }
        }
    }
}
