package dev.pyrometer.helper.rules;

import dev.pyrometer.helper.profile.JfrLookback;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Keeps a {@link JfrLookback} ring running in exactly the JVMs a look-back rule watches: started when such a
 * JVM appears, stopped when no rule needs it any more and when the helper stops. Starting and stopping
 * attach to the target, so they run on their own thread, never in the way of the once-a-second sampling.
 */
final class LookbackRings implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LookbackRings.class.getName());

    private final JfrLookback lookback;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** JVMs where starting failed: not retried every few seconds (the reason is logged once). */
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "helper-lookback");
        t.setDaemon(true);
        return t;
    });

    LookbackRings(JfrLookback lookback) {
        this.lookback = lookback;
    }

    /** Makes the rings run in {@code wanted} and nowhere else (JVMs that exited are simply forgotten). */
    void keep(Set<Long> wanted, Set<Long> alive) {
        failed.retainAll(alive);
        thread.execute(() -> {
            for (long pid : new HashSet<>(running)) {
                if (!wanted.contains(pid)) {
                    running.remove(pid);
                    if (alive.contains(pid)) {
                        stopQuietly(pid);
                    }
                }
            }
            for (long pid : wanted) {
                if (!running.contains(pid) && !failed.contains(pid)) {
                    try {
                        lookback.start(pid);
                        running.add(pid);
                        LOG.info("look-back recording started in JVM " + pid);
                    } catch (RuntimeException e) {
                        failed.add(pid);
                        LOG.warning("no look-back for JVM " + pid + ": " + e.getMessage());
                    }
                }
            }
        });
    }

    /** The ring's collapsed stacks since {@code since}, or null when this JVM has none (or it cannot be read). */
    String dump(long pid, Instant since) {
        if (!running.contains(pid)) {
            return null;
        }
        try {
            return lookback.dump(pid, since);
        } catch (RuntimeException e) {
            LOG.warning("look-back of JVM " + pid + " lost: " + e.getMessage());
            return null;
        }
    }

    /** Stops every ring (bounded: each attach command has its deadline). */
    @Override
    public void close() {
        RuleRunner.stopAndWait(thread);
        for (long pid : running) {
            stopQuietly(pid);
        }
        running.clear();
    }

    private void stopQuietly(long pid) {
        try {
            lookback.stop(pid);
            LOG.info("look-back recording stopped in JVM " + pid);
        } catch (RuntimeException e) {
            LOG.warning("cannot stop the look-back recording in JVM " + pid + " (it stays a bounded in-memory ring): "
                    + e.getMessage());
        }
    }
}
