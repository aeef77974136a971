package dev.pyrometer.helper.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A real process for a test to profile: started with an optional wrapper (setpriv, unshare), waited
 * for until it prints "ready" (with a deadline), killed with everything it started on close.
 */
public final class TargetProcess implements AutoCloseable {

    public static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final long pid;
    private final StringBuffer output = new StringBuffer();

    private TargetProcess(Process process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    /** The JDK running the tests, unless {@code javaHome} names another one. */
    public static String java(String javaHome) {
        return javaHome == null ? ProcessHandle.current().info().command().orElse("java")
                : Path.of(javaHome, "bin", "java").toString();
    }

    /** Starts {@link CpuBurner} with {@code vmOptions}, behind {@code wrapper} (may be empty). */
    public static TargetProcess burner(List<String> wrapper, String javaHome, List<String> vmOptions, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(java(javaHome));
        cmd.addAll(vmOptions);
        cmd.add("-cp");
        cmd.add(classesOutsideTmp().toString());
        cmd.add(CpuBurner.class.getName());
        cmd.addAll(List.of(args));
        return startAndAwaitReady(cmd, "ready");
    }

    public static TargetProcess burner(List<String> vmOptions, String... args) throws IOException {
        return burner(List.of(), null, vmOptions, args);
    }

    /** Starts any command; {@code readyLine} null means it is ready once started. */
    public static TargetProcess startAndAwaitReady(List<String> cmd, String readyLine) throws IOException {
        return startAndAwaitReady(cmd, readyLine, pid -> true);
    }

    /**
     * As {@link #startAndAwaitReady(List, String)}, but a process that did not get a pid {@code wanted}
     * accepts is killed at once and null returned (for tests that need a particular pid).
     */
    public static TargetProcess startAndAwaitReady(List<String> cmd, String readyLine,
                                                   java.util.function.LongPredicate wanted) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!wanted.test(p.pid())) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        TargetProcess[] holder = new TargetProcess[1];
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    if (readyLine != null && line.equals(readyLine)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
            ready.completeExceptionally(new IllegalStateException("exited before ready: " + out));
        }, "target-output-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        if (readyLine != null) {
            try {
                ready.get(READY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("target " + cmd + " not ready: " + e + "; output: " + out, e);
            }
        }
        long pid = javaPid(p).orElse(p.pid());
        holder[0] = new TargetProcess(p, pid);
        holder[0].output.append(out);
        return holder[0];
    }

    /** The JVM itself: a wrapper like {@code unshare -f} runs it as a child. */
    private static Optional<Long> javaPid(Process p) {
        if (isJava(p.toHandle())) {
            return Optional.of(p.pid());
        }
        return p.descendants().filter(TargetProcess::isJava).map(ProcessHandle::pid).findFirst();
    }

    private static boolean isJava(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "maps")).contains("/libjvm.so");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks a {@link CpuBurner} to exit now (it exits on any line on its stdin). */
    public void requestExit() throws IOException {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits (with a deadline) until the target is gone. */
    public boolean awaitExit(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (isAlive() && System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return !isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path outsideTmp;

    /**
     * The test classes, at a path a target with its own private /tmp can still see: a clone under
     * /tmp (as CI may use) is hidden by the tmpfs the namespace tests mount there, so those classes
     * are copied once to /var/tmp, readable by all, and removed when the test JVM exits.
     */
    public static synchronized Path classesOutsideTmp() throws IOException {
        Path classes = testClasses();
        if (!classes.startsWith("/tmp")) {
            return classes;
        }
        if (outsideTmp == null) {
            Path copy = Files.createTempDirectory(Path.of("/var/tmp"), "pyrometer-test-classes-");
            try (var files = Files.walk(classes)) {
                for (Path f : files.toList()) {
                    Path to = copy.resolve(classes.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            // Readable by everyone: the same classes start targets that run as another user.
            try (var files = Files.walk(copy)) {
                for (Path f : files.toList()) {
                    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
                            Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
            outsideTmp = copy;
        }
        return outsideTmp;
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e);
        }
    }

    /**
     * Where {@link CpuBurner} is loaded from, for a target's class path: this module's test-classes
     * directory in its own tests, its test-jar in the e2e tests (which never copy it out of /tmp).
     */
    public static Path testClasses() {
        try {
            return Path.of(CpuBurner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
