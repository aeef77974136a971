package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.attach.AttachTarget;
import dev.pyrometer.helper.attach.HotSpotAttach;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper is SIGKILLed mid-profile: the agent in the target stops by itself (its timeout). */
class DeadManSwitchTest {

    @TempDir
    Path work;

    @Test
    void profileEndsByItselfWhenTheHelperIsKilled() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            Process helper = startHelper(target.pid(), "3s");
            try {
                awaitLine(helper, "profiling:");
                helper.destroyForcibly();
                assertTrue(helper.waitFor(30, TimeUnit.SECONDS));

                Profiler profiler = new Profiler(work.resolve("home"));
                assertTrue(status(profiler, target.pid()).contains("running"), "expected the profile still running");
                // Duration + grace is when the agent's own timeout fires; poll until then, with slack.
                long end = System.nanoTime() + Duration.ofSeconds(3).plus(ProfileRun.DEAD_MAN_GRACE)
                        .plusSeconds(30).toNanos();
                String status;
                while (!(status = status(profiler, target.pid())).contains("not active")) {
                    assertTrue(System.nanoTime() < end, "the agent is still profiling: " + status);
                    LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                }
                assertTrue(target.isAlive());

                // The next profile works, and removes the directory the killed helper left behind.
                ProfileResult next = profiler.profile(new ProfileRequest(target.pid(), Duration.ofSeconds(1), "cpu",
                        Duration.ofMillis(10), null, List.of(work.resolve("next.jfr"))), (s, d) -> { });
                assertTrue(next.samples() > 0);
                ProfilerTest.assertNoSessionDirectoryLeft(target.pid());
            } finally {
                helper.destroyForcibly();
            }
        }
    }

    /** The agent's own answer to {@code status}, written into a file in the target's /tmp. */
    static String status(Profiler profiler, long pid) throws IOException {
        String lib = profiler.agentPathInTarget();
        AttachTarget target = AttachCheck.check(pid, lib);
        Path file = Files.createTempFile(target.tmp(), "pyrometer-status", ".txt");
        String inTarget = "/tmp/" + file.getFileName();
        try (HotSpotAttach attach = new HotSpotAttach(target, false)) {
            attach.ensureListener(Duration.ofSeconds(10));
            attach.execute(Duration.ofSeconds(10), "load", lib, "true", "status,file=" + inTarget);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Process startHelper(long pid, String duration) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(TargetProcess.java(null), "-cp", classpath,
                "dev.pyrometer.helper.cli.HelperMain", "profile", "--pid", Long.toString(pid), "--duration", duration,
                "-o", work.resolve("killed.jfr").toString()).redirectErrorStream(true);
        pb.environment().put("PYROMETER_HOME", work.resolve("helper-home").toString());
        return pb.start();
    }

    private static void awaitLine(Process p, String prefix) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        // readLine returns null when the helper exits, so this cannot hang past the helper's own deadlines.
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("helper ended before '" + prefix + "': " + seen);
    }
}
