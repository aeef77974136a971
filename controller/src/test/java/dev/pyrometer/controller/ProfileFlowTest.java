package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile from POST to downloadable artifacts through a simulated helper, across controller restarts. */
class ProfileFlowTest {
    static final byte[] RECORDING = "not really JFR, but bytes the controller must keep as they are"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] COLLAPSED = "java.lang.Thread.run;com.example.Main.hot 90\njava.lang.Thread.run;com.example.Main.cold 10\n"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] HTML = "<!DOCTYPE html><html><body>flame</body></html>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    @Test
    void profileGoesThroughEveryStateAndItsArtifactsAreStoredOnce() {
        String id;
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(4242, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");

            var created = controller.post("/api/v1/profiles",
                    "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"2s\",\"labels\":{\"ticket\":\"OPS-1\"}}");
            assertEquals(202, created.statusCode(), created.bodyAsString());
            id = created.bodyAsJsonObject().getString("id");

            JsonObject start = helper.take("profile.start");
            assertEquals(id, start.getString("profile_id"));
            assertEquals(4242, start.getLong("pid"));
            assertEquals("2s", start.getString("duration"));
            assertEquals("cpu", start.getString("event"));
            assertEquals("shop", start.getJsonObject("labels").getString("app"));
            helper.reply(start, true, null);

            var busy = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":4242}");
            assertEquals(409, busy.statusCode(), "one profile per JVM at a time");

            helper.state(id, "attaching", null);
            helper.state(id, "profiling", new JsonObject().put("engine", "cpu").put("started", "2026-11-22T02:00:00Z"));
            RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("profiling"), "profiling");
            helper.state(id, "uploading", new JsonObject().put("samples", 100));

            assertEquals(201, helper.upload(id, Protocol.RECORDING, RECORDING));
            assertEquals(201, helper.upload(id, Protocol.COLLAPSED, COLLAPSED));
            assertEquals(201, helper.upload(id, Protocol.FLAMEGRAPH_HTML, HTML));
            assertEquals(200, helper.upload(id, Protocol.RECORDING, RECORDING), "a retry is stored once");
            assertEquals(409, helper.upload(id, Protocol.RECORDING, HTML), "a different body never replaces");
            assertEquals(422, helper.upload(id, Protocol.FLAMEGRAPH_SVG, HTML, SimulatedHelper.sha256(RECORDING)),
                    "a body that does not match its digest is refused");
            assertEquals(400, helper.upload(id, "evil.sh", HTML));
            assertEquals(404, helper.upload("p-nope", Protocol.RECORDING, RECORDING));
            helper.state(id, "done", new JsonObject().put("samples", 100).put("finished", "2026-11-22T02:00:02Z"));

            JsonObject done = RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("done"), "done");
            assertEquals("web-1", done.getString("host"));
            assertEquals(100, done.getLong("samples"));
            assertEquals("cpu", done.getString("engine"));
            assertEquals("shop", done.getString("app"));
            assertEquals("1.4", done.getString("release"));
            assertEquals("OPS-1", done.getJsonObject("labels").getString("ticket"));
            assertNotNull(done.getString("created"));
            assertEquals("2026-11-22T02:00:00Z", done.getString("started"));
            assertEquals("2026-11-22T02:00:02Z", done.getString("finished"));
            assertEquals(SimulatedHelper.sha256(RECORDING), done.getJsonObject("artifacts").getString(Protocol.RECORDING));
            assertFalse422LeftNothing();

            assertArtifacts(controller, id);
            assertEquals(1, controller.getArray("/api/v1/profiles?host=web-1&app=shop&release=1.4&state=done&since=1h").size());
            assertEquals(0, controller.getArray("/api/v1/profiles?event=alloc").size());

            var again = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":4242}");
            assertEquals(202, again.statusCode(), "the JVM is free again once the profile is done");
            JsonObject second = helper.take("profile.start");
            helper.reply(second, false, "JVM 4242 is already being profiled");
            RunningController.until(() -> controller.getObject("/api/v1/profiles/" + second.getString("profile_id")),
                    p -> p.getString("state").equals("failed") && p.getString("error").contains("already being profiled"),
                    "the refusal recorded");
        }

        try (var restarted = RunningController.start(data)) {
            assertEquals(2, restarted.getArray("/api/v1/profiles").size(), "profiles survive a restart");
            assertArtifacts(restarted, id);
            var host = restarted.getArray("/api/v1/hosts").getJsonObject(0);
            assertEquals("web-1", host.getString("host"));
            assertEquals("offline", host.getString("status"), "remembered, shown offline until it reconnects");
        }
    }

    private void assertFalse422LeftNothing() {
        try (Stream<Path> left = Files.list(data.resolve("tmp"))) {
            assertEquals(0, left.count(), "no temporary upload left behind");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertArtifacts(RunningController controller, String id) {
        assertArrayEquals(RECORDING, controller.get("/api/v1/profiles/" + id + "/recording.jfr").body().getBytes());
        assertArrayEquals(COLLAPSED, controller.get("/api/v1/profiles/" + id + "/collapsed").body().getBytes());
        var html = controller.get("/api/v1/profiles/" + id + "/flamegraph.html");
        assertEquals(200, html.statusCode());
        assertTrue(html.getHeader("content-type").startsWith("text/html"));
        assertArrayEquals(HTML, html.body().getBytes());
    }

    @Test
    void uploadCutOffByAControllerCrashArrivesExactlyOnceAfterTheRetry() throws Exception {
        byte[] recording = new byte[4 << 20];
        new java.util.Random(7).nextBytes(recording);
        String id;
        var controller = RunningController.start(data);
        try (var helper = SimulatedHelper.connect(controller.port, "web-2", jvm(77, "shop", "1.5"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            id = controller.post("/api/v1/profiles", "{\"host\":\"web-2\",\"pid\":77,\"duration\":\"1s\"}")
                    .bodyAsJsonObject().getString("id");
            helper.reply(helper.take("profile.start"), true, null);

            helper.uploadHalfOfRecording(id, recording);
            RunningController.until(() -> partBytes(), n -> n > 0, "half the upload on the controller's disk");
            controller.close(); // the crash: every connection dropped mid-body
        }

        try (var restarted = RunningController.start(data);
             var helper = SimulatedHelper.connect(restarted.port, "web-2", jvm(77, "shop", "1.5"))) {
            assertEquals(0L, partBytes(), "the half-written upload was discarded");
            assertEquals(404, restarted.get("/api/v1/profiles/" + id + "/recording.jfr").statusCode());
            assertEquals(201, helper.upload(id, Protocol.RECORDING, recording));
            assertEquals(200, helper.upload(id, Protocol.RECORDING, recording));
            helper.state(id, "done", new JsonObject().put("samples", 1));
            RunningController.until(() -> restarted.getObject("/api/v1/profiles/" + id),
                    p -> p.getString("state").equals("done"), "done after the retry");
            assertArrayEquals(recording, restarted.get("/api/v1/profiles/" + id + "/recording.jfr").body().getBytes());
            try (Stream<Path> files = Files.list(data.resolve("artifacts").resolve(id))) {
                assertEquals(1, files.count(), "stored exactly once");
            }
        }
    }

    private long partBytes() {
        try (Stream<Path> parts = Files.list(data.resolve("tmp"))) {
            return parts.mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
