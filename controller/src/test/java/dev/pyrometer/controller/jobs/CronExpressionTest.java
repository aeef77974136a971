package dev.pyrometer.controller.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cron parser against hand-checked next times (UTC; 2026-11-29 is a Sunday). */
class CronExpressionTest {
    static Instant next(String cron, String after) {
        return CronExpression.parse(cron).next(Instant.parse(after));
    }

    @Test
    void nextTimes() {
        assertEquals(Instant.parse("2026-11-29T04:15:00Z"), next("*/15 * * * *", "2026-11-29T04:10:00Z"));
        assertEquals(Instant.parse("2026-11-29T04:30:00Z"), next("*/15 * * * *", "2026-11-29T04:15:00Z"));
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), next("0 9 * * 1-5", "2026-11-29T04:10:00Z"));
        assertEquals(Instant.parse("2026-12-06T02:30:00Z"), next("30 2 * * 0", "2026-11-29T04:10:00Z"));
        assertEquals(Instant.parse("2026-12-06T02:30:00Z"), next("30 2 * * 7", "2026-11-29T04:10:00Z"));
        assertEquals(Instant.parse("2027-03-01T00:00:00Z"),
                next("0 0 1 3 *", "2026-11-29T04:10:00Z"));
        // both day fields restricted: either matches (the 1st, or any Monday)
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), next("0 0 1 * 1", "2026-11-29T04:10:00Z"));
        assertEquals(Instant.parse("2028-02-29T12:00:00Z"), next("0 12 29 2 *", "2026-11-29T04:10:00Z"));
    }

    @Test
    void errorsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 24 * * *")).getMessage()
                .startsWith("hour"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("x * * * *")).getMessage()
                .startsWith("minute"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("* * *")).getMessage()
                .contains("5"));
    }
}
