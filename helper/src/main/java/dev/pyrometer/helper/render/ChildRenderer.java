package dev.pyrometer.helper.render;

import dev.pyrometer.helper.profile.Renderer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders in a short-lived child JVM ({@code pyrometer-helper render}) so the renderer's classes,
 * code and buffers never enter a long-running daemon's heap and metaspace: an idle helper on every
 * host should stay small however large the last flame graph was.
 */
public final class ChildRenderer implements Renderer {

    /** Rendering a long profile takes seconds even on a loaded host; beyond this something is wrong. */
    public static final Duration DEADLINE = Duration.ofMinutes(2);
    /**
     * More than the daemon's whole heap (48 MB) that rendering once shared, yet with the daemon's ~80 MB
     * it stays inside the 192 MB the systemd unit allows the service (deploy/pyrometer-helper.service).
     */
    static final String MAX_HEAP = "-Xmx64m";
    private static final int MAX_ERROR_CHARS = 2000;

    private final List<String> jvm;
    private final Duration deadline;

    /** {@code jvm}: the java binary and its flags, up to and including the main class. */
    ChildRenderer(List<String> jvm, Duration deadline) {
        this.jvm = List.copyOf(jvm);
        this.deadline = deadline;
    }

    /**
     * A child of the same java, class path and class-data archive as this JVM, with the launcher's
     * short-lived-CLI flags (see bin/pyrometer-helper).
     */
    public static ChildRenderer sameAsThisJvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(java, MAX_HEAP, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xshare:auto"));
        archiveBeside(classPath).ifPresent(jsa -> cmd.add("-XX:SharedArchiveFile=" + jsa));
        cmd.addAll(List.of("-cp", classPath, "dev.pyrometer.helper.cli.HelperMain"));
        return new ChildRenderer(cmd, DEADLINE);
    }

    /** The CDS archive scripts/build-cds.sh leaves next to helper.jar, when there is one. */
    static java.util.Optional<Path> archiveBeside(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && p.getFileName().toString().equals("helper.jar")) {
                Path jsa = p.resolveSibling("helper.jsa");
                return Files.isRegularFile(jsa) ? java.util.Optional.of(jsa) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void render(List<Path> inputs, List<Path> outputs, String title) throws IOException {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.add("render");
        // --title=... in one argument: a title starting with '-' is still a value, not an option
        cmd.add("--title=" + title);
        for (Path out : outputs) {
            cmd.add("--output=" + out.toAbsolutePath());
        }
        cmd.add("--");
        inputs.forEach(in -> cmd.add(in.toAbsolutePath().toString()));
        Path errors = Files.createTempFile(outputs.get(0).toAbsolutePath().getParent(), "render", ".err");
        try {
            Process child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
            int status;
            try {
                if (!child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IOException("the renderer did not finish within " + deadline.toSeconds() + " s and was"
                            + " killed" + stderrOf(errors));
                }
                status = child.exitValue();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while rendering; the renderer was killed", e);
            }
            if (status != 0) {
                throw new IOException("the renderer exited with status " + status + stderrOf(errors));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String stderrOf(Path errors) throws IOException {
        String text = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_ERROR_CHARS) {
            text = "..." + text.substring(text.length() - MAX_ERROR_CHARS);
        }
        return text.isEmpty() ? "" : ": " + text.replaceAll("\\s*\\n\\s*", "; ");
    }
}
