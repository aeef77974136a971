package dev.pyrometer.controller.logging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Hands log records to one daemon thread that writes them, so an event loop that logs never waits
 * for stderr (a full pipe to a stalled reader would otherwise stop every helper connection).
 * When the queue is full records are dropped and counted, never waited for.
 */
public final class AsyncLogHandler extends Handler {
    private static final int CAPACITY = 8192;

    private final Handler target;
    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    private AsyncLogHandler(Handler target) {
        this.target = target;
        var writer = new Thread(this::drain, "pyrometer-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Replaces the root logger's handlers with asynchronous wrappers around them. */
    public static void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            root.addHandler(new AsyncLogHandler(h));
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        while (true) {
            try {
                LogRecord r = queue.take();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    target.publish(new LogRecord(Level.WARNING, lost + " log records dropped: the log output was too slow"));
                }
                target.publish(r);
                if (queue.isEmpty()) {
                    target.flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a handler failing must not stop logging
            }
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
