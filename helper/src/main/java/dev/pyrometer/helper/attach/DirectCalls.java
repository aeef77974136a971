package dev.pyrometer.helper.attach;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link ProcessControl} by calling {@code kill(2)} and {@code setpriority(2)} in this process
 * through JNA's direct mapping: no fork and exec on the attach path.
 */
final class DirectCalls implements ProcessControl {

    private static final Logger LOG = Logger.getLogger(DirectCalls.class.getName());
    private static final int SIGQUIT = 3;
    private static final int PRIO_PROCESS = 0;

    private DirectCalls() {
    }

    /** The calls bound to this process's C library, or empty (with the reason logged) when JNA cannot load. */
    static Optional<DirectCalls> load() {
        try {
            Native.register(DirectCalls.class, "c");
            return Optional.of(new DirectCalls());
        } catch (LinkageError | RuntimeException e) {
            LOG.warning("native calls unavailable (" + e.getMessage() + "); using kill and renice subprocesses");
            return Optional.empty();
        }
    }

    private static native int kill(int pid, int signal) throws LastErrorException;

    /** With PRIO_PROCESS, Linux applies the value to the one thread whose id is {@code who}. */
    private static native int setpriority(int which, int who, int prio) throws LastErrorException;

    @Override
    public void sendQuit(long pid) throws IOException {
        try {
            kill(Math.toIntExact(pid), SIGQUIT);
        } catch (LastErrorException e) {
            throw new IOException("kill(" + pid + ", SIGQUIT): errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void renice(int nice, List<Long> tids) throws IOException {
        ProcessControl.checkNice(nice);
        StringBuilder failed = new StringBuilder();
        for (long tid : tids) {
            try {
                setpriority(PRIO_PROCESS, Math.toIntExact(tid), nice);
            } catch (LastErrorException e) {
                // ESRCH: the thread ended meanwhile, which is no failure of ours
                if (e.getErrorCode() != 3) {
                    failed.append(failed.length() == 0 ? "" : ", ").append(tid).append(" (errno ")
                            .append(e.getErrorCode()).append(')');
                }
            }
        }
        if (failed.length() > 0) {
            throw new IOException("setpriority(" + nice + ") failed for threads " + failed);
        }
    }
}
