package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles carry the JVM's app and release (overridable per request) and say why they were taken. */
class LabelsAndTriggerTest {
    @TempDir
    Path data;

    @Test
    void appAndReleaseComeFromTheInventoryUnlessTheRequestSaysOtherwise() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(11, "shop", "1.4"), jvm(12, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 2, "inventory");
            String plain = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":11}")
                    .bodyAsJsonObject().getString("id");
            String overridden = controller.post("/api/v1/profiles",
                    "{\"host\":\"web-1\",\"pid\":12,\"labels\":{\"app\":\"shop-canary\",\"release\":\"1.5-rc1\"}}")
                    .bodyAsJsonObject().getString("id");
            JsonObject start1 = helper.take("profile.start");
            JsonObject start2 = helper.take("profile.start");
            assertEquals("1.4", start1.getJsonObject("labels").getString("release"));
            assertEquals("1.5-rc1", start2.getJsonObject("labels").getString("release"));

            JsonObject p = controller.getObject("/api/v1/profiles/" + plain);
            assertEquals("shop", p.getString("app"));
            assertEquals("1.4", p.getString("release"));
            assertEquals(new JsonObject().put("kind", "manual"), p.getJsonObject("trigger"));
            assertEquals(null, p.getString("job"));
            JsonObject o = controller.getObject("/api/v1/profiles/" + overridden);
            assertEquals("shop-canary", o.getString("app"));
            assertEquals("1.5-rc1", o.getString("release"));
            assertEquals(1, controller.getArray("/api/v1/profiles?release=1.5-rc1").size());
            assertEquals(0, controller.getArray("/api/v1/profiles?job=j-none").size());
        }
    }
}
