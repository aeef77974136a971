package dev.pyrometer.controller.hooks;

import io.vertx.core.json.JsonObject;

/**
 * What one firing alert asks to profile, read from its labels (then annotations):
 * app from {@code pyrometer_app} or {@code app}; host from {@code pyrometer_host}, {@code host} or
 * {@code instance} with scheme, path and port stripped; pid from {@code pyrometer_pid} or {@code pid};
 * duration and event from {@code pyrometer_duration} / {@code pyrometer_event}.
 */
record AlertTarget(String alertname, String app, String host, Long pid, String duration, String event) {

    static AlertTarget of(JsonObject alert) {
        JsonObject labels = alert.getJsonObject("labels", new JsonObject());
        JsonObject annotations = alert.getJsonObject("annotations", new JsonObject());
        String pid = first(labels, annotations, "pyrometer_pid", "pid");
        Long parsedPid = null;
        if (pid != null) {
            try {
                parsedPid = Long.parseLong(pid.trim());
            } catch (NumberFormatException e) {
                parsedPid = -1L; // reported as a skip: the label is there but says nothing usable
            }
        }
        return new AlertTarget(labels.getString("alertname", "(no alertname)"),
                first(labels, annotations, "pyrometer_app", "app"),
                hostOf(first(labels, annotations, "pyrometer_host", "host", "instance")), parsedPid,
                first(labels, annotations, "pyrometer_duration"), first(labels, annotations, "pyrometer_event"));
    }

    /** {@code web-7:9100} → {@code web-7}; {@code https://web-7:8443/metrics} → {@code web-7}. */
    static String hostOf(String instance) {
        if (instance == null) {
            return null;
        }
        String h = instance.trim();
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            h = h.substring(scheme + 3);
        }
        int slash = h.indexOf('/');
        if (slash >= 0) {
            h = h.substring(0, slash);
        }
        if (h.startsWith("[")) {
            return h; // an IPv6 literal never names a helper's host
        }
        int colon = h.indexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }

    private static String first(JsonObject labels, JsonObject annotations, String... names) {
        for (JsonObject o : new JsonObject[] {labels, annotations}) {
            for (String n : names) {
                Object v = o.getValue(n);
                if (v instanceof String s && !s.isBlank()) {
                    return s;
                }
            }
        }
        return null;
    }
}
