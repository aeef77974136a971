package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that stops heartbeating is shown offline and kept, also across a restart; a reconnect revives it. */
class HeartbeatTest {
    @TempDir
    Path data;

    @Test
    void silentHostGoesOfflineAndStaysListed() {
        var config = ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN)
                .withOfflineAfter(Duration.ofMillis(1500));
        try (var controller = RunningController.start(config)) {
            try (var helper = SimulatedHelper.connect(controller.port, "web-9", jvm(1, "shop", "2.0"))) {
                helper.startHeartbeats(100);
                RunningController.until(() -> status(controller), "online"::equals, "online");
                helper.stopHeartbeats();
                RunningController.until(() -> status(controller), "offline"::equals, "offline after missed heartbeats");
                RunningController.until(helper::closed, c -> c, "the controller closed the dead connection");
            }
            var host = controller.getArray("/api/v1/hosts").getJsonObject(0);
            assertEquals("web-9", host.getString("host"));
            assertEquals(1, controller.getArray("/api/v1/jvms?host=web-9").size(), "last known JVMs kept");
            var refused = controller.post("/api/v1/profiles", "{\"host\":\"web-9\",\"pid\":1}");
            assertEquals(409, refused.statusCode());

            try (var back = SimulatedHelper.connect(controller.port, "web-9", jvm(1, "shop", "2.0"))) {
                RunningController.until(() -> status(controller), "online"::equals, "online again");
            }
        }
        try (var restarted = RunningController.start(config)) {
            JsonArray jvms = restarted.getArray("/api/v1/jvms");
            assertEquals(1, jvms.size());
            JsonObject jvm = jvms.getJsonObject(0);
            assertEquals("offline", jvm.getString("host_status"));
            assertEquals("shop", jvm.getString("app"));
        }
    }

    private static String status(RunningController controller) {
        var hosts = controller.getArray("/api/v1/hosts");
        return hosts.isEmpty() ? "absent" : hosts.getJsonObject(0).getString("status");
    }
}
