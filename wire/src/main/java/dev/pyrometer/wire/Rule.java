package dev.pyrometer.wire;

import io.vertx.core.json.JsonObject;

/**
 * One automatic-profiling rule as a helper evaluates it: when a JVM (of {@code app}, or any) stays
 * above {@code cpuPercent} for {@code forDuration}, profile it for {@code duration}, then wait
 * {@code cooldown} before that rule may fire on that JVM again. Durations use {@link Durations} syntax.
 */
public record Rule(String id, double cpuPercent, String forDuration, String duration, String event, String interval,
                   String cooldown, String app, boolean lookback) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("cpu_percent", cpuPercent).put("for", forDuration)
                .put("duration", duration).put("event", event).put("interval", interval).put("cooldown", cooldown)
                .put("app", app).put("lookback", lookback);
    }

    public static Rule from(JsonObject o) {
        if (o == null) {
            throw new WireFormatException("rules.set: every entry of 'rules' must be an object");
        }
        Object cpu = o.getValue("cpu_percent");
        if (!(cpu instanceof Number n)) {
            throw new WireFormatException("field 'cpu_percent' must be a number");
        }
        return new Rule(Fields.text(o, "id"), n.doubleValue(), Fields.text(o, "for"), Fields.text(o, "duration"),
                Fields.text(o, "event"), o.getString("interval"), Fields.text(o, "cooldown"), o.getString("app"),
                o.getBoolean("lookback", false));
    }
}
