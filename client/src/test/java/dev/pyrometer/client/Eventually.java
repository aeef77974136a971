package dev.pyrometer.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing after a deadline with what was last seen. */
final class Eventually {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Eventually() {
    }

    static void until(BooleanSupplier condition, Supplier<String> lastSeen, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + "; last seen:\n" + lastSeen.get());
            }
            Thread.sleep(20); // polling interval; the deadline decides
        }
    }
}
