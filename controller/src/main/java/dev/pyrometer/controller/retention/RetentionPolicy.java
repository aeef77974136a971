package dev.pyrometer.controller.retention;

import java.time.Duration;

/**
 * How much the controller keeps: profiles older than {@code maxAge} go, then the oldest until the
 * artifacts fit in {@code maxBytes}; null means no limit. Enforced every {@code sweepEvery}.
 */
public record RetentionPolicy(Duration maxAge, Long maxBytes, Duration sweepEvery) {
    public static final Duration DEFAULT_SWEEP = Duration.ofMinutes(10);

    public static RetentionPolicy unlimited() {
        return new RetentionPolicy(null, null, DEFAULT_SWEEP);
    }

    public boolean limited() {
        return maxAge != null || maxBytes != null;
    }
}
