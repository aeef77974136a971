package dev.pyrometer.wire;

import io.vertx.core.json.JsonObject;

/**
 * Why a profile was taken: {@code manual} (API, UI, hook), {@code job} (a periodic job, {@code job} set)
 * or {@code rule} (a helper-evaluated rule, {@code rule} and {@code observedCpuPercent} set).
 */
public record Trigger(String kind, String job, String rule, Double observedCpuPercent) {
    public static final String MANUAL = "manual";
    public static final String JOB = "job";
    public static final String RULE = "rule";

    public Trigger {
        if (!MANUAL.equals(kind) && !JOB.equals(kind) && !RULE.equals(kind)) {
            throw new WireFormatException("trigger: 'kind' must be manual, job or rule, got '" + kind + "'");
        }
    }

    public static Trigger manual() {
        return new Trigger(MANUAL, null, null, null);
    }

    public static Trigger job(String jobId) {
        return new Trigger(JOB, jobId, null, null);
    }

    public static Trigger rule(String ruleId, double observedCpuPercent) {
        return new Trigger(RULE, null, ruleId, observedCpuPercent);
    }

    /** Only the fields the kind uses, so clients can switch on {@code kind} alone. */
    public JsonObject toJson() {
        var o = new JsonObject().put("kind", kind);
        if (job != null) {
            o.put("job", job);
        }
        if (rule != null) {
            o.put("rule", rule);
        }
        if (observedCpuPercent != null) {
            o.put("observed_cpu_percent", observedCpuPercent);
        }
        return o;
    }

    public static Trigger from(JsonObject o) {
        if (o == null) {
            throw new WireFormatException("field 'trigger' must be an object");
        }
        return new Trigger(o.getString("kind"), o.getString("job"), o.getString("rule"),
                o.getDouble("observed_cpu_percent"));
    }
}
