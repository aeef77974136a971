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
        assumeTestUser();
        try (TargetProcess target = TargetProcess.burner(asTestUser(), null, List.of(), "4")) {
            assertEquals(uidOf(TEST_USER), (Integer) Files.getAttribute(Path.of("/proc/" + target.pid()), "unix:uid"));
            profileAndCheck(target);
        }
    }

    @Test
    void helperRunByAnOrdinaryUser() throws Exception {
        assumeTestUser();
        Path shared = readableByEveryone(work.resolve("shared"));
        String classpath = copyClasspath(shared.resolve("cp"));
        Path outDir = readableByEveryone(shared.resolve("out"));
        Files.setPosixFilePermissions(outDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> helper = new ArrayList<>(asTestUser());
        helper.addAll(List.of("env", "PYROMETER_HOME=" + outDir.resolve("home"), TargetProcess.java(null), "-cp", classpath,
                "dev.pyrometer.helper.cli.HelperMain", "profile", "--duration", "1s", "-o", outDir.resolve("x.jfr").toString(),
                "--pid"));

        // Its own JVM: no root, so no renice and no chown, but the same attach.
        try (TargetProcess own = TargetProcess.burner(asTestUser(), null, List.of(), "2")) {
            Result r = runHelper(helper, own.pid());
            assertEquals(0, r.exit(), r.output());
            assertTrue(Files.size(outDir.resolve("x.jfr")) > 0);
        }
        // Root's JVM: refused before any signal, saying who may attach.
        try (TargetProcess rootJvm = TargetProcess.burner(List.of(), "1")) {
            Result r = runHelper(helper, rootJvm.pid());
            assertEquals(3, r.exit(), r.output());
            assertTrue(r.output().contains("run the helper as root or as uid 0"), r.output());
            assertTrue(r.output().contains("runs as uid 0"), r.output());
            assertTrue(rootJvm.isAlive());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result runHelper(List<String> helper, long pid) throws Exception {
        List<String> cmd = new ArrayList<>(helper);
        cmd.add(Long.toString(pid));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "helper did not finish: " + out);
        return new Result(p.exitValue(), out);
    }

    /** The test classpath copied where another user can read it (the local Maven repository is root's). */
    private static String copyClasspath(Path dir) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(i++ + "-" + from.getFileName());
            try (var files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path t = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        Files.createDirectories(t.getParent());
                        Files.copy(f, t);
                    }
                }
            }
            copied.add(to.toString());
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, copied);
    }

    private static Path readableByEveryone(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path p = dir; p != null && !p.toString().equals("/tmp") && !p.toString().equals("/"); p = p.getParent()) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private static void assumeTestUser() throws Exception {
        assumeTrue(run("id", TEST_USER) == 0 || run("useradd", "--system", "--no-create-home", "--shell",
                "/usr/sbin/nologin", TEST_USER) == 0, "cannot create user " + TEST_USER);
        assumeTrue(run("setpriv", "--reuid=" + TEST_USER, "--regid=" + TEST_USER, "--clear-groups", "true") == 0,
                "setpriv cannot switch to " + TEST_USER);
    }

    private static List<String> asTestUser() {
        return List.of("setpriv", "--reuid=" + TEST_USER, "--regid=" + TEST_USER, "--clear-groups");
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
    void jvmWhoseTmpIsNoexec() throws Exception {
        List<String> wrapper = List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs -o noexec pyrometer-noexec /tmp && exec \"$@\"", "sh");
        assumeUnshareWorks(wrapper);
        try (TargetProcess target = TargetProcess.burner(wrapper, null, List.of(), "4")) {
            profileAndCheck(target);
            // A library on a noexec mount cannot be mapped: the agent came from the next candidate.
            String maps = Files.readString(Path.of("/proc/" + target.pid() + "/maps"));
            assertTrue(maps.contains("/var/tmp/pyrometer-ap"), "agent not loaded from /var/tmp");
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
