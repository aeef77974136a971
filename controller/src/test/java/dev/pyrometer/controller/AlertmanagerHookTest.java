package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Alertmanager webhook (payload version 4, as Alertmanager sends it) profiles exactly the JVMs its firing alerts name. */
class AlertmanagerHookTest {
    @TempDir
    Path data;

    static JsonObject alert(String status, JsonObject labels) {
        return new JsonObject().put("status", status).put("labels", labels)
                .put("annotations", new JsonObject().put("summary", "CPU pegged"))
                .put("startsAt", "2026-11-29T04:00:00.000Z").put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus.example.org:9090/graph?g0.expr=x").put("fingerprint", "1a30ba71cca2921f");
    }

    @Test
    void onlyTheJvmsOfFiringAlertsAreProfiled() {
        try (var controller = RunningController.start(data);
             var web1 = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"), jvm(8, "billing", "2.0"));
             var web2 = SimulatedHelper.connect(controller.port, "web-2", jvm(9, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 3, "inventory");
            var alerts = new JsonArray()
                    .add(alert("firing", new JsonObject().put("alertname", "JvmCpuHigh").put("app", "shop")
                            .put("instance", "web-1:9100").put("job", "jvm").put("severity", "critical")))
                    .add(alert("firing", new JsonObject().put("alertname", "BillingSlow").put("pyrometer_app", "billing")
                            .put("instance", "web-2:9100")))
                    .add(alert("resolved", new JsonObject().put("alertname", "JvmCpuHigh").put("app", "shop")
                            .put("instance", "web-2:9100")))
                    .add(alert("firing", new JsonObject().put("alertname", "DiskFull").put("severity", "warning")))
                    .add(alert("firing", new JsonObject().put("alertname", "JvmCpuHigh").put("app", "shop")
                            .put("instance", "https://db-1:9100/metrics")));
            var payload = new JsonObject().put("receiver", "pyrometer").put("status", "firing").put("alerts", alerts)
                    .put("groupLabels", new JsonObject().put("alertname", "JvmCpuHigh"))
                    .put("commonLabels", new JsonObject()).put("commonAnnotations", new JsonObject())
                    .put("externalURL", "http://alertmanager.example.org:9093").put("version", "4")
                    .put("groupKey", "{}:{alertname=\"JvmCpuHigh\"}").put("truncatedAlerts", 0);

            var r = controller.post("/api/v1/hooks/alertmanager", payload.encode());
            assertEquals(202, r.statusCode(), r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            JsonArray started = body.getJsonArray("profiles");
            assertEquals(1, started.size(), body.encodePrettily());
            assertEquals("web-1", started.getJsonObject(0).getString("host"));
            assertEquals(7, started.getJsonObject(0).getLong("pid"));
            assertEquals(7, web1.take("profile.start").getLong("pid"));

            JsonArray skipped = body.getJsonArray("skipped");
            assertEquals(4, skipped.size(), body.encodePrettily());
            assertTrue(skipped.getJsonObject(0).getString("reason").startsWith("no JVM matches app 'billing'"));
            assertTrue(skipped.getJsonObject(1).getString("reason").contains("resolved"));
            assertTrue(skipped.getJsonObject(2).getString("reason").startsWith("alert has no app"));
            assertEquals("no host named 'db-1' has connected", skipped.getJsonObject(3).getString("reason"));

            JsonArray all = controller.getArray("/api/v1/profiles");
            assertEquals(1, all.size(), "nothing else was profiled");
            assertEquals("JvmCpuHigh", all.getJsonObject(0).getJsonObject("labels").getString("alertname"));
            assertTrue(web2.received.stream().noneMatch(m -> m.getString("type").equals("profile.start")));

            assertEquals("alerts", controller.post("/api/v1/hooks/alertmanager", "{\"version\":\"4\"}")
                    .bodyAsJsonObject().getString("field"));
            var anonymous = RunningController.await(controller.client.post("/api/v1/hooks/alertmanager")
                    .sendBuffer(Buffer.buffer(payload.encode())));
            assertEquals(401, anonymous.statusCode());
        }
    }
}
