package dev.pyrometer.helper.attach;

import java.nio.file.Path;

/**
 * A JVM that passed every check that can be made without touching it: where to reach it and as whom.
 * {@code root} is {@code /proc/<pid>/root}, the way into its mount namespace; {@code loadedAgent} is
 * the path (in the target) of our agent library if an earlier session loaded it, else null.
 */
public record AttachTarget(long pid, long nsPid, int euid, int egid, long startTicks, int javaFeature,
                           boolean catchesSigquit, boolean containerized, Path root, String loadedAgent) {

    /** The listener's socket, seen from here (it lives in the target's /tmp). */
    public Path socket() {
        return root.resolve("tmp").resolve(".java_pid" + nsPid);
    }

    /** The target's /tmp, seen from here. */
    public Path tmp() {
        return root.resolve("tmp");
    }
}
