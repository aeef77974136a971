package dev.pyrometer.wire;

import io.vertx.core.json.JsonObject;

/** One JVM of a helper's inventory, as it crosses the wire. */
public record JvmInfo(long pid, Long nsPid, String user, String mainClass, String jdkVersion, long uptimeMs,
                      double cpuPercent, long rssBytes, boolean containerized, boolean attachable,
                      String notAttachableReason, String app, String release) {

    public JsonObject toJson() {
        return new JsonObject().put("pid", pid).put("ns_pid", nsPid).put("user", user).put("main_class", mainClass)
                .put("jdk_version", jdkVersion).put("uptime_ms", uptimeMs).put("cpu_percent", cpuPercent)
                .put("rss_bytes", rssBytes).put("containerized", containerized).put("attachable", attachable)
                .put("not_attachable_reason", notAttachableReason).put("app", app).put("release", release);
    }

    public static JvmInfo from(JsonObject o) {
        if (o == null) {
            throw new WireFormatException("inventory: every entry of 'jvms' must be an object");
        }
        return new JvmInfo(Fields.number(o, "pid"), o.getLong("ns_pid"), o.getString("user"),
                o.getString("main_class"), o.getString("jdk_version"), o.getLong("uptime_ms", 0L),
                o.getDouble("cpu_percent", 0.0), o.getLong("rss_bytes", 0L), o.getBoolean("containerized", false),
                o.getBoolean("attachable", true), o.getString("not_attachable_reason"), o.getString("app"),
                o.getString("release"));
    }
}
