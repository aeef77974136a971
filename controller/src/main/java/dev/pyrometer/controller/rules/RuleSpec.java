package dev.pyrometer.controller.rules;

import static dev.pyrometer.controller.http.BodyFields.text;

import dev.pyrometer.controller.fleet.HostGlob;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.ProfileRequest;
import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.Rule;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * A stored automatic-profiling rule: the wire {@link Rule} helpers evaluate, plus the host glob the
 * controller uses to decide which helpers get it. A validated {@code POST /rules} body.
 */
public record RuleSpec(Rule rule, String host) {
    /** 64 cores at 100% each: past any host we run on, below nonsense. */
    static final double MAX_CPU_PERCENT = 6400;
    static final Duration MIN_FOR = Duration.ofSeconds(1);
    static final Duration MAX_FOR = Duration.ofHours(1);
    static final Duration MAX_COOLDOWN = Duration.ofHours(24);

    public static RuleSpec parse(String id, JsonObject body) {
        Object cpu = body.getValue("cpu_percent");
        if (!(cpu instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() > MAX_CPU_PERCENT) {
            throw ApiException.badField("cpu_percent", "must be a number from 1 to " + (int) MAX_CPU_PERCENT
                    + " (100 = one core busy)");
        }
        String forText = text(body, "for", null);
        Duration forDuration = forText == null ? null : Durations.parse(forText);
        if (forDuration == null || forDuration.compareTo(MIN_FOR) < 0 || forDuration.compareTo(MAX_FOR) > 0) {
            throw ApiException.badField("for", "must be a duration from 1s to 1h, like 10s");
        }
        var probe = ProfileRequest.parse(new JsonObject().put("host", "rule").put("pid", 1)
                .put("duration", body.getValue("duration")).put("event", body.getValue("event"))
                .put("interval", body.getValue("interval")));
        String cooldown = text(body, "cooldown", "10m");
        Duration c = Durations.parse(cooldown);
        if (c == null || c.compareTo(Durations.parse(probe.duration())) < 0 || c.compareTo(MAX_COOLDOWN) > 0) {
            throw ApiException.badField("cooldown", "must be a duration from the profile's duration ("
                    + probe.duration() + ") to 24h");
        }
        String host = text(body, "host", null);
        if (host != null && !HostGlob.valid(host)) {
            throw ApiException.badField("host", "'" + host + "' is not a host glob (A-Z a-z 0-9 . _ - * ?)");
        }
        Object lookback = body.getValue("lookback", false);
        if (!(lookback instanceof Boolean lb)) {
            throw ApiException.badField("lookback", "must be true or false");
        }
        var rule = new Rule(id, n.doubleValue(), forText, probe.duration(), probe.event(), probe.interval(), cooldown,
                text(body, "app", null), lb);
        return new RuleSpec(rule, host);
    }

    public boolean appliesTo(String hostName) {
        return HostGlob.matches(host, hostName);
    }

    public JsonObject toJson() {
        return rule.toJson().put("host", host);
    }

    public static RuleSpec fromJson(JsonObject o) {
        return new RuleSpec(Rule.from(o), o.getString("host"));
    }
}
