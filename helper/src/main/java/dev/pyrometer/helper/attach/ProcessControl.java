package dev.pyrometer.helper.attach;

import java.io.IOException;
import java.util.List;

/**
 * The two things Java cannot do to another process: send it SIGQUIT and set a thread's nice value.
 * Arguments are numbers only; every call ends within a few seconds or fails.
 */
public interface ProcessControl {

    /** Sends SIGQUIT to {@code pid}; the caller has checked that the process handles it. */
    void sendQuit(long pid) throws IOException;

    /** Sets the nice value of each thread id (absolute, as util-linux renice does with -n). */
    void renice(int nice, List<Long> tids) throws IOException;

    /** Refuses a nice value outside Linux's range, whichever way it is to be applied. */
    static void checkNice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice out of range: " + nice);
        }
    }

    /**
     * Runs {@code kill} and {@code renice}: nothing to load up front, which suits a one-shot CLI, but
     * a fork and exec per call, 3-25 ms each on a pegged host.
     */
    static ProcessControl subprocesses() {
        return SystemCommands.INSTANCE;
    }

    /**
     * Makes the system calls from this process (microseconds each), for a long-running helper that
     * can pay the bridge's loading once at start; falls back to {@link #subprocesses()} where the
     * native bridge cannot load (e.g. no executable temporary directory for its library).
     */
    static ProcessControl direct() {
        return DirectCalls.load().map(ProcessControl.class::cast).orElse(subprocesses());
    }
}
