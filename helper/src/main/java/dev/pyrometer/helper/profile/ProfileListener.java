package dev.pyrometer.helper.profile;

/** Receives the state changes of a profiling run: the CLI draws progress, the daemon reports them. */
public interface ProfileListener {

    /** The run moved to {@code state} (attaching, profiling, rendering); {@code detail} is for humans. */
    void onState(String state, String detail);

    /** Seconds profiled so far out of the requested duration. */
    default void onProgress(double elapsedSeconds, double totalSeconds) {
    }

    /** True to end the recording early (a cancel): what was recorded so far is kept and rendered. */
    default boolean stopRequested() {
        return false;
    }
}
