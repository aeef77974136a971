package dev.pyrometer.client.output;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How numbers and times from the API read in a table: bytes in MiB/GiB, ages like "3m", percentages. */
public final class Formats {
    private Formats() {
    }

    public static String bytes(double bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes >= 1L << 30) {
            return String.format("%.1fG", bytes / (1L << 30));
        }
        return String.format("%.0fM", bytes / (1L << 20));
    }

    public static String percent(double value) {
        return Double.isNaN(value) ? "" : String.format("%.1f", value);
    }

    /** "12s", "5m", "3h", "2d" for a duration in milliseconds. */
    public static String age(long millis) {
        if (millis < 0) {
            return "";
        }
        long s = millis / 1000;
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** An ISO instant from the API, shortened to the second ("2026-11-22 02:40:00Z"); other text unchanged. */
    public static String instant(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            String s = Instant.parse(iso).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            return s.replace('T', ' ');
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** How long ago an ISO instant was, like {@link #age}. */
    public static String since(String iso, Instant now) {
        try {
            return age(Duration.between(Instant.parse(iso), now).toMillis());
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }
}
