package dev.pyrometer.controller.jobs;

import static dev.pyrometer.controller.http.BodyFields.text;

import dev.pyrometer.controller.fleet.HostGlob;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.ProfileRequest;
import dev.pyrometer.wire.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a periodic job does: which JVMs (app, host glob, labels matched against the JVM's app and
 * release), when ({@code every} or {@code cron}), how (duration, event, interval), how many targets at
 * once, how far to spread start times, and how long to keep what it took. A validated
 * {@code POST /jobs} body; every rejection names the field.
 */
public record JobSpec(String name, String app, String host, Map<String, String> labels, String every, String cron,
                      String duration, String event, String interval, int maxConcurrent, String jitter,
                      String keepFor, Long keepBytes) {
    static final int MAX_CONCURRENT = 100;

    public JobSpec {
        labels = Map.copyOf(labels);
    }

    public Schedule schedule() {
        return every != null ? Schedule.every(Durations.parse(every)) : Schedule.cron(cron);
    }

    public Duration jitterDuration() {
        return Durations.parse(jitter);
    }

    public Duration keepForDuration() {
        return keepFor == null ? null : Durations.parse(keepFor);
    }

    /** Parses and checks a request body; {@code minPeriod} is the server's {@code --min-job-period}. */
    public static JobSpec parse(JsonObject body, Duration minPeriod) {
        JsonObject selector = body.getValue("selector") instanceof JsonObject s ? s : body;
        String app = text(selector, "app", null);
        String host = text(selector, "host", "*");
        if (!HostGlob.valid(host)) {
            throw ApiException.badField("host", "'" + host + "' is not a host glob (A-Z a-z 0-9 . _ - * ?)");
        }
        Map<String, String> labels = labels(selector.getValue("labels"));
        String every = text(body, "every", null);
        String cron = text(body, "cron", null);
        Object schedule = body.getValue("schedule");
        if (schedule instanceof JsonObject o) {
            every = text(o, "every", every);
            cron = text(o, "cron", cron);
        } else if (schedule instanceof String s) {
            if (Durations.parse(s) != null) {
                every = s;
            } else {
                cron = s;
            }
        }
        if ((every == null) == (cron == null)) {
            throw ApiException.badField("every", "give exactly one schedule: \"every\":\"15m\" or \"cron\":\"*/15 * * * *\"");
        }
        Schedule parsed;
        if (every != null) {
            Duration d = Durations.parse(every);
            if (d == null || d.isZero()) {
                throw ApiException.badField("every", "'" + every + "' is not a duration like 15m or 1h");
            }
            parsed = Schedule.every(d);
        } else {
            try {
                parsed = Schedule.cron(cron);
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("cron", e.getMessage());
            }
        }
        Duration period = parsed.minPeriod(Instant.now());
        if (period.compareTo(minPeriod) < 0) {
            throw ApiException.badField(every != null ? "every" : "cron", "runs every " + period.toSeconds()
                    + " s; this controller allows jobs no more often than every " + minPeriod.toSeconds()
                    + " s (--min-job-period)");
        }
        // duration, event and interval obey the same rules as a single profile
        var probe = ProfileRequest.parse(new JsonObject().put("host", "job").put("pid", 1)
                .put("duration", body.getValue("duration")).put("event", body.getValue("event"))
                .put("interval", body.getValue("interval")));
        if (Durations.parse(probe.duration()).compareTo(period) >= 0) {
            throw ApiException.badField("duration", probe.duration() + " is not shorter than the schedule's period");
        }
        Object mc = body.getValue("max_concurrent", 1);
        if (!(mc instanceof Number n) || n.intValue() != n.doubleValue() || n.intValue() < 1 || n.intValue() > MAX_CONCURRENT) {
            throw ApiException.badField("max_concurrent", "must be a whole number from 1 to " + MAX_CONCURRENT);
        }
        String jitter = text(body, "jitter", "0s");
        Duration j = Durations.parse(jitter);
        if (j == null || j.compareTo(period) >= 0) {
            throw ApiException.badField("jitter", "'" + jitter + "' must be a duration shorter than the period");
        }
        String keepFor = null;
        Long keepBytes = null;
        if (body.getValue("retention") != null) {
            if (!(body.getValue("retention") instanceof JsonObject r)) {
                throw ApiException.badField("retention", "must be an object like {\"max_age\":\"168h\",\"max_bytes\":1073741824}");
            }
            keepFor = text(r, "max_age", null);
            if (keepFor != null && Durations.parse(keepFor) == null) {
                throw ApiException.badField("retention.max_age", "'" + keepFor + "' is not a duration like 168h");
            }
            Object b = r.getValue("max_bytes");
            if (b != null) {
                if (!(b instanceof Number bn) || bn.longValue() < 1) {
                    throw ApiException.badField("retention.max_bytes", "must be a positive number of bytes");
                }
                keepBytes = bn.longValue();
            }
        }
        return new JobSpec(text(body, "name", null), app, host, labels, every, cron, probe.duration(), probe.event(),
                probe.interval(), n.intValue(), jitter, keepFor, keepBytes);
    }

    public JsonObject toJson() {
        return new JsonObject().put("name", name)
                .put("selector", new JsonObject().put("app", app).put("host", host)
                        .put("labels", new JsonObject(new LinkedHashMap<>(labels))))
                .put("every", every).put("cron", cron).put("duration", duration).put("event", event)
                .put("interval", interval).put("max_concurrent", maxConcurrent).put("jitter", jitter)
                .put("retention", new JsonObject().put("max_age", keepFor).put("max_bytes", keepBytes));
    }

    /** Reads back what {@link #toJson()} wrote (from the store). */
    public static JobSpec fromJson(JsonObject o) {
        JsonObject s = o.getJsonObject("selector");
        var labels = new LinkedHashMap<String, String>();
        s.getJsonObject("labels", new JsonObject()).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
        JsonObject r = o.getJsonObject("retention", new JsonObject());
        return new JobSpec(o.getString("name"), s.getString("app"), s.getString("host"), labels, o.getString("every"),
                o.getString("cron"), o.getString("duration"), o.getString("event"), o.getString("interval"),
                o.getInteger("max_concurrent"), o.getString("jitter"), r.getString("max_age"), r.getLong("max_bytes"));
    }

    private static Map<String, String> labels(Object v) {
        var labels = new LinkedHashMap<String, String>();
        if (v == null) {
            return labels;
        }
        if (!(v instanceof JsonObject o)) {
            throw ApiException.badField("labels", "must be an object of strings, e.g. {\"release\":\"1.4\"}");
        }
        for (var e : o) {
            if (!(e.getValue() instanceof String s)) {
                throw ApiException.badField("labels", "value of '" + e.getKey() + "' must be a string");
            }
            labels.put(e.getKey(), s);
        }
        return labels;
    }
}
