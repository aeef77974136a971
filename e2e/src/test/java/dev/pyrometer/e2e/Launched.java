package dev.pyrometer.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real subprocess whose output is collected, killed (with its children) on close. */
final class Launched implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final String name;

    private Launched(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (var r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Launched start(String name, List<String> command, Map<String, String> env) {
        var pb = new ProcessBuilder(command).redirectErrorStream(true).directory(home().toFile());
        pb.environment().remove("PYROMETER_TOKEN");
        pb.environment().putAll(env);
        try {
            return new Launched(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The repository's root: the launchers in bin/ run the jars the reactor just built. */
    static Path home() {
        return Path.of(System.getProperty("pyrometer.home", "..")).toAbsolutePath().normalize();
    }

    static String launcher(String name) {
        return home().resolve("bin").resolve(name).toString();
    }

    /** The first match of {@code pattern} in the output, waiting up to {@code deadline}. */
    Matcher awaitOutput(Pattern pattern, Duration deadline) {
        return Await.until(deadline, name + " to print " + pattern + "; output so far:\n" + output, () -> {
            Matcher m = pattern.matcher(output);
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing " + pattern
                        + ":\n" + output);
            }
            return null;
        });
    }

    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status, waiting up to {@code deadline}; empty when still running. */
    Optional<Integer> awaitExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash. */
    void kill9() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20));
    }

    /** SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        if (awaitExit(Duration.ofSeconds(15)).isEmpty()) {
            kill9();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
