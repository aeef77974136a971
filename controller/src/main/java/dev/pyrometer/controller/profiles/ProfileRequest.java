package dev.pyrometer.controller.profiles;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.wire.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated {@code POST /profiles} body; every rejection names the field. */
public record ProfileRequest(String host, long pid, String duration, String event, String interval,
                             Map<String, String> labels) {
    public static final Duration MIN_DURATION = Duration.ofSeconds(1);
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    public static final Set<String> EVENTS = Set.of("cpu", "wall", "alloc", "lock", "itimer", "ctimer");
    private static final Duration MIN_INTERVAL = Duration.ofNanos(100_000);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})([kmg]?)");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_LABELS = 32;

    public static ProfileRequest parse(JsonObject body) {
        String host = requiredText(body, "host");
        long pid = pid(body.getValue("pid"));
        String duration = text(body, "duration", "30s");
        Duration d = Durations.parse(duration);
        if (d == null) {
            throw ApiException.badField("duration", "'" + duration + "' is not a duration like 30s, 500ms or 2m");
        }
        if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw ApiException.badField("duration", "'" + duration + "' is out of range; use 1s to 10m");
        }
        String event = text(body, "event", "cpu");
        if (!EVENTS.contains(event)) {
            throw ApiException.badField("event", "'" + event + "' is not one of cpu, wall, alloc, lock, itimer, ctimer");
        }
        String interval = interval(event, text(body, "interval", null));
        return new ProfileRequest(host, pid, duration, event, interval, labels(body.getValue("labels")));
    }

    private static String interval(String event, String interval) {
        if (event.equals("alloc")) {
            String v = interval == null ? "512k" : interval;
            var m = SIZE.matcher(v);
            if (!m.matches()) {
                throw ApiException.badField("interval", "'" + v + "' is not a byte size like 512k for alloc");
            }
            long bytes = Long.parseLong(m.group(1)) << switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (bytes < 1 || bytes > (1L << 30)) {
                throw ApiException.badField("interval", "'" + v + "' is out of range; use 1 to 1g bytes");
            }
            return v;
        }
        String v = interval == null ? (event.equals("lock") ? "10us" : "10ms") : interval;
        Duration d = Durations.parse(v);
        if (d == null) {
            throw ApiException.badField("interval", "'" + v + "' is not a duration like 10ms or 500us");
        }
        Duration min = event.equals("lock") ? Duration.ZERO : MIN_INTERVAL;
        if (d.compareTo(min) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
            throw ApiException.badField("interval", "'" + v + "' is out of range; use "
                    + (event.equals("lock") ? "0us" : "100us") + " to 1s");
        }
        return v;
    }

    private static long pid(Object v) {
        if (v == null) {
            throw ApiException.badField("pid", "missing; give the process id of the JVM to profile");
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
            throw ApiException.badField("pid", "must be a positive whole number, got " + v);
        }
        return n.longValue();
    }

    private static Map<String, String> labels(Object v) {
        var labels = new LinkedHashMap<String, String>();
        if (v == null) {
            return labels;
        }
        if (!(v instanceof JsonObject o)) {
            throw ApiException.badField("labels", "must be an object of strings");
        }
        if (o.size() > MAX_LABELS) {
            throw ApiException.badField("labels", "at most " + MAX_LABELS + " labels");
        }
        for (var e : o) {
            if (!LABEL_KEY.matcher(e.getKey()).matches()) {
                throw ApiException.badField("labels", "key '" + e.getKey() + "' must be 1-64 of A-Z a-z 0-9 _ . -");
            }
            if (!(e.getValue() instanceof String s) || s.length() > 256) {
                throw ApiException.badField("labels", "value of '" + e.getKey() + "' must be a string of at most 256 characters");
            }
            labels.put(e.getKey(), s);
        }
        return labels;
    }

    private static String requiredText(JsonObject body, String field) {
        String v = text(body, field, null);
        if (v == null || v.isBlank()) {
            throw ApiException.badField(field, "missing");
        }
        return v;
    }

    private static String text(JsonObject body, String field, String fallback) {
        Object v = body.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badField(field, "must be a string, got " + v);
        }
        return s;
    }
}
