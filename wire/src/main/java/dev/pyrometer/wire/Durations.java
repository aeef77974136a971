package dev.pyrometer.wire;

import java.time.Duration;
import java.util.regex.Pattern;

/** The duration syntax both peers use: a whole number and a unit, {@code us ms s m h} ("30s", "10ms"). */
public final class Durations {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(us|ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code text}; returns null when it does not match the syntax. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        var m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
