package dev.pyrometer.helper.daemon;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random wait between zero and the current ceiling), so a
 * fleet of helpers cut off together does not reconnect together.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private int attempts;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The wait before the next attempt. */
    Duration next() {
        long ceiling = first.toMillis() << Math.min(attempts, 20);
        attempts++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.min(ceiling, max.toMillis()) + 1));
    }

    void reset() {
        attempts = 0;
    }
}
