package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller's side of docs/protocol.md against a helper that misbehaves. */
class HelperProtocolTest {
    @TempDir
    Path data;

    @Test
    void badFramesAreAnsweredWithErrorAndTheConnectionStays() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-5", jvm(9, "shop", "1"))) {
            helper.send(new JsonObject().put("type", "telemetry"));
            JsonObject error = helper.take("error");
            assertEquals("telemetry", error.getString("re"));
            helper.send(new JsonObject().put("type", "profile.state").put("state", "done"));
            assertTrue(helper.take("error").getString("message").contains("profile_id"));
            helper.send(new JsonObject().put("type", "ping").put("id", "x-1"));
            assertTrue(helper.take("error").getString("message").contains("from the controller to helpers"));
            var pending = controller.client.post("/api/v1/hosts/web-5/ping")
                    .bearerTokenAuthentication(RunningController.TOKEN).send();
            helper.reply(helper.take("ping"), true, null);
            var ping = RunningController.await(pending);
            assertEquals(200, ping.statusCode(), "still connected and answering: " + ping.bodyAsString());
            assertTrue(ping.bodyAsJsonObject().getBoolean("ok"));
        }
    }

    @Test
    void commandWithoutReplyFailsTheProfileAtTheDeadline() {
        var config = ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN)
                .withCommandDeadline(Duration.ofMillis(300));
        try (var controller = RunningController.start(config);
             var helper = SimulatedHelper.connect(controller.port, "web-6", jvm(9, "shop", "1"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            String id = controller.post("/api/v1/profiles", "{\"host\":\"web-6\",\"pid\":9}").bodyAsJsonObject().getString("id");
            JsonObject start = helper.take("profile.start");
            JsonObject failed = RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("failed"), "failed at the deadline");
            assertTrue(failed.getString("error").contains("did not reply to profile.start"), failed.encode());
            assertTrue(failed.getString("finished") != null, "a failure has an end time");
            helper.reply(start, true, null); // too late: ignored
            helper.state(id, "profiling", null);
            assertEquals(504, controller.post("/api/v1/hosts/web-6/ping", "").statusCode(), "ping unanswered");
            assertEquals("failed", controller.getObject("/api/v1/profiles/" + id).getString("state"));
        }
    }

    @Test
    void doneWithoutARecordingIsAFailureAndOtherHostsCannotReport() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-7", jvm(9, "shop", "1"));
             var intruder = SimulatedHelper.connect(controller.port, "web-8", jvm(9, "shop", "1"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 2, "inventory");
            String id = controller.post("/api/v1/profiles", "{\"host\":\"web-7\",\"pid\":9}").bodyAsJsonObject().getString("id");
            helper.reply(helper.take("profile.start"), true, null);
            intruder.state(id, "profiling", null);
            helper.state(id, "attaching", null);
            RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("attaching"), "attaching, not the other host's report");
            assertEquals(201, helper.upload(id, Protocol.COLLAPSED, "a;b 1\n".getBytes(StandardCharsets.UTF_8)));
            helper.state(id, "done", null);
            JsonObject p = RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    x -> x.getString("state").equals("failed"), "failed");
            assertTrue(p.getString("error").contains("recording.jfr was never uploaded"), p.encode());
        }
    }

    @Test
    void cancelReachesTheHelper() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-c", jvm(9, "shop", "1"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            String id = controller.post("/api/v1/profiles", "{\"host\":\"web-c\",\"pid\":9,\"duration\":\"10m\"}")
                    .bodyAsJsonObject().getString("id");
            helper.reply(helper.take("profile.start"), true, null);
            var pending = controller.client.post("/api/v1/profiles/" + id + "/cancel")
                    .bearerTokenAuthentication(RunningController.TOKEN).send();
            JsonObject cancel = helper.take("profile.cancel");
            assertEquals(id, cancel.getString("profile_id"));
            helper.reply(cancel, true, null);
            assertEquals(202, RunningController.await(pending).statusCode());
            helper.state(id, "failed", new JsonObject().put("error", "cancelled"));
            RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("failed"), "failed");
            assertEquals(409, controller.post("/api/v1/profiles/" + id + "/cancel", "").statusCode(), "already over");
            assertEquals(404, controller.post("/api/v1/profiles/p-nope/cancel", "").statusCode());
        }
    }

    @Test
    void aSocketThatNeverSaysHelloIsClosed() {
        var config = ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN)
                .withOfflineAfter(Duration.ofMillis(500));
        try (var controller = RunningController.start(config);
             var silent = SimulatedHelper.silent(controller.port)) {
            RunningController.until(silent::closed, c -> c, "the controller closed a socket without hello");
            assertEquals(0, controller.getArray("/api/v1/hosts").size());
        }
    }

    @Test
    void badHostNameIsRefused() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.hello(controller.port, "../etc")) {
            assertTrue(helper.take("error").getString("message").contains("not a host name"));
            RunningController.until(helper::closed, c -> c, "closed");
            assertEquals(0, controller.getArray("/api/v1/hosts").size());
        }
    }
}
