package dev.pyrometer.helper.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The JDK a process runs on, found from its mapped {@code libjvm.so} and that JDK's {@code release} file. */
public record JavaRuntime(Path home, String version) {

    /** The runtime of the libjvm mapped at {@code libjvm} (a path in the target's filesystem, reached via {@code root}). */
    public static Optional<JavaRuntime> of(Path root, String libjvm) {
        String path = libjvm.replace(" (deleted)", "");
        for (String suffix : new String[] {"/lib/server/libjvm.so", "/lib/amd64/server/libjvm.so",
                "/lib/aarch64/server/libjvm.so", "/lib/client/libjvm.so"}) {
            if (path.endsWith(suffix)) {
                String home = path.substring(0, path.length() - suffix.length());
                Optional<String> version = releaseVersion(root, home);
                if (version.isEmpty() && home.endsWith("/jre")) {
                    home = home.substring(0, home.length() - 4);
                    version = releaseVersion(root, home);
                }
                return Optional.of(new JavaRuntime(Path.of(home), version.orElse("unknown")));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> releaseVersion(Path root, String home) {
        Path release = root.resolve(home.substring(1)).resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Optional.of(line.substring("JAVA_VERSION=".length()).replace("\"", "").trim());
                }
            }
        } catch (IOException e) {
            // No release file: an unusual layout; the version stays unknown.
        }
        return Optional.empty();
    }

    /** The feature release (8, 11, 17, 21, ...), or 0 when unknown. */
    public int feature() {
        return featureOf(version);
    }

    static int featureOf(String version) {
        try {
            String v = version.startsWith("1.") ? version.substring(2) : version;
            int end = 0;
            while (end < v.length() && Character.isDigit(v.charAt(end))) {
                end++;
            }
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
