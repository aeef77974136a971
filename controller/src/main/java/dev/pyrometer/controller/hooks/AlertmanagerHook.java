package dev.pyrometer.controller.hooks;

import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.fleet.Host;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.ProfileRequest;
import dev.pyrometer.controller.profiles.Profiles;
import dev.pyrometer.wire.JvmInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Profiles the JVMs that the firing alerts of a Prometheus Alertmanager webhook (version 4) point
 * at; resolved alerts and alerts that match nothing are reported back as skipped, with the reason.
 */
public final class AlertmanagerHook {
    static final int MAX_ALERTS = 500;

    private final Fleet fleet;
    private final Profiles profiles;

    public AlertmanagerHook(Fleet fleet, Profiles profiles) {
        this.fleet = fleet;
        this.profiles = profiles;
    }

    /** Starts the profiles; completes with {@code {"profiles":[...],"skipped":[...]}}. */
    public Future<JsonObject> handle(JsonObject payload) {
        Object version = payload.getValue("version");
        if (version != null && !"4".equals(version)) {
            throw ApiException.badField("version", "webhook payload version '" + version + "' is not 4");
        }
        if (!(payload.getValue("alerts") instanceof JsonArray alerts)) {
            throw ApiException.badField("alerts", "missing; this is not an Alertmanager webhook payload");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw ApiException.badField("alerts", "at most " + MAX_ALERTS + " alerts per call");
        }
        var started = new JsonArray();
        var skipped = new JsonArray();
        Set<String> seen = new HashSet<>();
        List<Future<?>> all = new ArrayList<>();
        for (Object o : alerts) {
            if (!(o instanceof JsonObject alert)) {
                throw ApiException.badField("alerts", "every alert must be an object");
            }
            AlertTarget t = AlertTarget.of(alert);
            if (!"firing".equals(alert.getString("status"))) {
                skipped.add(skip(t, null, null, "alert is " + alert.getString("status") + "; only firing alerts are profiled"));
                continue;
            }
            String why = unusable(t);
            if (why != null) {
                skipped.add(skip(t, t.host(), t.pid(), why));
                continue;
            }
            List<Host> hosts = fleet.hosts().stream().filter(h -> t.host() == null || h.name().equals(t.host())).toList();
            int before = started.size() + all.size();
            for (Host h : hosts) {
                for (JvmInfo j : h.jvms()) {
                    if ((t.pid() == null || t.pid() == j.pid()) && (t.app() == null || t.app().equals(j.app()))) {
                        if (seen.add(h.name() + ":" + j.pid())) {
                            all.add(start(t, h, j, started, skipped));
                        }
                    }
                }
            }
            if (started.size() + all.size() == before) {
                skipped.add(skip(t, t.host(), t.pid(), t.host() != null && hosts.isEmpty()
                        ? "no host named '" + t.host() + "' has connected"
                        : "no JVM matches" + (t.app() == null ? "" : " app '" + t.app() + "'")
                                + (t.pid() == null ? "" : " pid " + t.pid())));
            }
        }
        return Future.join(all).otherwiseEmpty()
                .map(v -> new JsonObject().put("profiles", started).put("skipped", skipped));
    }

    private static String unusable(AlertTarget t) {
        if (t.app() == null && t.host() == null) {
            return "alert has no app, pyrometer_app, host, pyrometer_host or instance label";
        }
        if (t.pid() != null && t.pid() < 1) {
            return "pid label is not a process id";
        }
        return null;
    }

    private Future<?> start(AlertTarget t, Host h, JvmInfo j, JsonArray started, JsonArray skipped) {
        var body = new JsonObject().put("host", h.name()).put("pid", j.pid())
                .put("labels", new JsonObject().put("alertname", t.alertname()));
        if (t.duration() != null) {
            body.put("duration", t.duration());
        }
        if (t.event() != null) {
            body.put("event", t.event());
        }
        try {
            return profiles.create(ProfileRequest.parse(body))
                    .onSuccess(p -> started.add(new JsonObject().put("id", p.id()).put("host", h.name())
                            .put("pid", j.pid()).put("alert", t.alertname())))
                    .onFailure(e -> skipped.add(skip(t, h.name(), j.pid(), e.getMessage())));
        } catch (RuntimeException e) {
            skipped.add(skip(t, h.name(), j.pid(), e.getMessage()));
            return Future.succeededFuture();
        }
    }

    private static JsonObject skip(AlertTarget t, String host, Long pid, String reason) {
        return new JsonObject().put("alert", t.alertname()).put("host", host).put("pid", pid).put("reason", reason);
    }
}
