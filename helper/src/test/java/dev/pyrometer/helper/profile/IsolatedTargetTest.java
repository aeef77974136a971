package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyrometer.helper.testing.Collapsed;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root: targets that a same-user, same-namespace attach would miss — another user's JVM, a JVM
 * with a private /tmp (mount namespace), a JVM in its own PID namespace — and a JDK 25 target.
 */
class IsolatedTargetTest {

    static final String TEST_USER = "pyrometer-test";
    /** Runs the rest of the command line in a fresh mount namespace with its own empty /tmp. */
    static final List<String> PRIVATE_TMP = List.of("sh", "-c", "mount -t tmpfs pyrometer-tmp /tmp && exec \"$@\"", "sh");

    @TempDir
    Path work;

    @BeforeAll
    static void needsRoot() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"),
                "needs root: attaching across users and namespaces is what root does");
    }

    @Test
    void jvmOfAnotherUser() throws Exception {
        assumeTrue(run("id", TEST_USER) == 0 || run("useradd", "--system", "--no-create-home", "--shell",
                "/usr/sbin/nologin", TEST_USER) == 0, "cannot create user " + TEST_USER);
        assumeTrue(run("setpriv", "--reuid=" + TEST_USER, "--regid=" + TEST_USER, "--clear-groups", "true") == 0,
                "setpriv cannot switch to " + TEST_USER);
        List<String> asUser = List.of("setpriv", "--reuid=" + TEST_USER, "--regid=" + TEST_USER, "--clear-groups");
        try (TargetProcess target = TargetProcess.burner(asUser, null, List.of(), "4")) {
            assertEquals(uidOf(TEST_USER), (Integer) Files.getAttribute(Path.of("/proc/" + target.pid()), "unix:uid"));
            profileAndCheck(target);
        }
    }

    @Test
    void jvmWithAPrivateTmp() throws Exception {
        List<String> wrapper = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--"));
        wrapper.addAll(PRIVATE_TMP);
        assumeUnshareWorks(wrapper);
        try (TargetProcess target = TargetProcess.burner(wrapper, null, List.of(), "4")) {
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")),
                    Files.readSymbolicLink(Path.of("/proc/" + target.pid() + "/ns/mnt")));
            profileAndCheck(target);
            // The socket lives in the target's /tmp only: the host's /tmp never saw it.
            assertTrue(Files.exists(Path.of("/proc/" + target.pid() + "/root/tmp/.java_pid" + target.pid())));
            assertFalse(Files.exists(Path.of("/tmp/.java_pid" + target.pid())));
        }
    }

    @Test
    void jvmInItsOwnPidAndMountNamespace() throws Exception {
        List<String> wrapper = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc",
                "--propagation", "private", "--"));
        wrapper.addAll(PRIVATE_TMP);
        assumeUnshareWorks(wrapper);
        try (TargetProcess target = TargetProcess.burner(wrapper, null, List.of(), "4")) {
            assertNotEquals(target.pid(), ProfilerTest.nsPid(target.pid()), "expected a pid namespace");
            profileAndCheck(target);
        }
    }

    @Test
    void jdk25Target() throws Exception {
        Path jdk25 = ProfilerFailureTest.JDK25;
        assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no JDK 25 at " + jdk25);
        try (TargetProcess target = TargetProcess.burner(List.of(), jdk25.toString(), List.of(), "4")) {
            profileAndCheck(target);
        }
    }

    private void profileAndCheck(TargetProcess target) throws IOException {
        Path jfr = work.resolve("out.jfr");
        ProfileResult result = new Profiler(work.resolve("home")).profile(new ProfileRequest(target.pid(),
                Duration.ofSeconds(2), "cpu", Duration.ofMillis(10), null, List.of(jfr)), (s, d) -> { });
        assertTrue(result.samples() > 0);
        ProfilerTest.assertHotMethodDominates(Collapsed.of(jfr));
        ProfilerTest.assertNoSessionDirectoryLeft(target.pid());
        assertTrue(target.isAlive());
    }

    private static void assumeUnshareWorks(List<String> wrapper) throws Exception {
        List<String> probe = new ArrayList<>(wrapper);
        probe.add("true");
        assumeTrue(run(probe.toArray(String[]::new)) == 0, "this machine cannot create namespaces: " + probe);
    }

    private static int uidOf(String user) throws Exception {
        Process p = new ProcessBuilder("id", "-u", user).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return Integer.parseInt(out);
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
