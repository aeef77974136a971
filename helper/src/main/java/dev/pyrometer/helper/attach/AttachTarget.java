package dev.pyrometer.helper.attach;

import java.nio.file.Path;

/**
 * A JVM that passed every check that can be made without touching it: where to reach it and as whom.
 * {@code root} is {@code /proc/<pid>/root}, the way into its mount namespace.
 */
public record AttachTarget(long pid, long nsPid, int euid, int egid, long startTicks, int javaFeature,
                           boolean catchesSigquit, boolean containerized, Path root) {

    /** The listener's socket, seen from here (it lives in the target's /tmp). */
    public Path socket() {
        return root.resolve("tmp").resolve(".java_pid" + nsPid);
    }

    /** The target's /tmp, seen from here. */
    public Path tmp() {
        return root.resolve("tmp");
    }
}
