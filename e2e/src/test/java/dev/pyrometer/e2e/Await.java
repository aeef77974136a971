package dev.pyrometer.e2e;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until it yields a value, with a deadline; the failure names what was awaited. */
final class Await {
    /** Generous: two cores shared with other builds; a wait that ends early costs nothing. */
    static final Duration LONG = Duration.ofSeconds(90);

    private Await() {
    }

    static <T> T until(Duration deadline, String what, Supplier<T> check) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T value = check.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
