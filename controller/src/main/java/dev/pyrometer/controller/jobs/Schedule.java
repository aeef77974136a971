package dev.pyrometer.controller.jobs;

import dev.pyrometer.wire.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * When a job runs: {@code every} a fixed period counted from the job's creation, or at the minutes a
 * cron expression names. {@link #minPeriod()} bounds how often it may run, for validation.
 */
record Schedule(Duration every, String cron, CronExpression parsedCron) {

    static Schedule every(Duration period) {
        return new Schedule(period, null, null);
    }

    static Schedule cron(String text) {
        return new Schedule(null, text, CronExpression.parse(text));
    }

    /** The first run time strictly after {@code after}; {@code anchor} is the job's creation time. */
    Instant next(Instant anchor, Instant after) {
        if (every != null) {
            long periods = Math.max(0, Duration.between(anchor, after).toMillis() / every.toMillis() + 1);
            Instant t = anchor.plusMillis(periods * every.toMillis());
            return t.isAfter(after) ? t : t.plus(every);
        }
        return parsedCron.next(after);
    }

    /** The shortest gap between two runs (for cron: between its next few runs). */
    Duration minPeriod(Instant from) {
        if (every != null) {
            return every;
        }
        Duration min = Duration.ofDays(3650);
        Instant t = parsedCron.next(from);
        for (int i = 0; i < 50 && t != null; i++) {
            Instant n = parsedCron.next(t);
            if (n == null) {
                break;
            }
            Duration gap = Duration.between(t, n);
            min = gap.compareTo(min) < 0 ? gap : min;
            t = n;
        }
        return min;
    }

    static Duration parseEvery(String text) {
        return Durations.parse(text);
    }
}
