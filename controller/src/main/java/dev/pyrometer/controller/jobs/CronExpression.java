package dev.pyrometer.controller.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A classic 5-field cron expression (minute hour day-of-month month day-of-week, in UTC) with
 * {@code *}, lists, ranges and steps; day-of-week 0 and 7 are Sunday. As in Vixie cron, when both
 * day fields are restricted a day matching either one fires.
 */
final class CronExpression {
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronExpression(String[] f) {
        minutes = field(f[0], 0, 59, "minute");
        hours = field(f[1], 0, 23, "hour");
        days = field(f[2], 1, 31, "day of month");
        months = field(f[3], 1, 12, "month");
        weekdays = field(f[4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        anyDay = f[2].equals("*");
        anyWeekday = f[4].equals("*");
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says which field is wrong. */
    static CronExpression parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("'" + text + "' has " + f.length
                    + " fields; a cron expression has 5: minute hour day-of-month month day-of-week");
        }
        return new CronExpression(f);
    }

    /** The first minute strictly after {@code after} that matches; null if none within 5 years. */
    Instant next(Instant after) {
        ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime end = t.plusYears(5);
        while (t.isBefore(end)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant();
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return day && weekday;
        }
        return day || weekday;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, name);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                lo = number(ends[0], min, max, name);
                hi = number(ends[1], min, max, name);
                if (lo > hi) {
                    throw new IllegalArgumentException(name + ": range '" + range + "' runs backwards");
                }
            } else {
                lo = number(range, min, max, name);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String name) {
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + ": " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number, *, a range or a step");
        }
    }
}
