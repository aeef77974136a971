package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views a helper did not upload are rendered on demand and cached; two groups of profiles compare. */
class RenderAndDiffTest {
    @TempDir
    Path data;

    @Test
    void missingViewsAreRenderedAndProfilesCompare() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-3", jvm(5, "shop", "1.4"), jvm(6, "shop", "1.5"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 2, "inventory");
            String base = profile(controller, helper, 5, "com.example.Main.parse");
            String next = profile(controller, helper, 6, "com.example.Main.regex");

            var svg = controller.get("/api/v1/profiles/" + base + "/flamegraph.svg");
            assertEquals(200, svg.statusCode(), svg.bodyAsString());
            assertTrue(svg.getHeader("content-type").startsWith("image/svg+xml"));
            assertTrue(svg.bodyAsString().contains("com.example.Main.parse"));
            assertTrue(Files.isRegularFile(data.resolve("artifacts").resolve(base).resolve("rendered").resolve("flamegraph.svg")),
                    "cached on disk");
            var html = controller.get("/api/v1/profiles/" + base + "/flamegraph.html");
            assertEquals(200, html.statusCode());
            assertTrue(html.bodyAsString().contains("com.example.Main.parse"));

            var diff = controller.post("/api/v1/diff", new JsonObject().put("base", new io.vertx.core.json.JsonArray().add(base))
                    .put("new", new io.vertx.core.json.JsonArray().add(next)).encode());
            assertEquals(200, diff.statusCode(), diff.bodyAsString());
            assertTrue(diff.getHeader("content-type").startsWith("text/html"));
            assertTrue(diff.bodyAsString().contains("com.example.Main.regex"));

            assertEquals("new", controller.post("/api/v1/diff", "{\"base\":[\"" + base + "\"]}").bodyAsJsonObject().getString("field"));
            assertEquals(404, controller.post("/api/v1/diff", "{\"base\":[\"" + base + "\"],\"new\":[\"p-nope\"]}").statusCode());
        }
    }

    /** A done profile whose helper uploaded only the recording and the collapsed stacks. */
    private static String profile(RunningController controller, SimulatedHelper helper, long pid, String hot) {
        String id = controller.post("/api/v1/profiles", "{\"host\":\"web-3\",\"pid\":" + pid + ",\"duration\":\"1s\"}")
                .bodyAsJsonObject().getString("id");
        helper.reply(helper.take("profile.start"), true, null);
        assertEquals(201, helper.upload(id, Protocol.RECORDING, "jfr".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, helper.upload(id, Protocol.COLLAPSED, TestFlameGraph.collapsed(hot)));
        helper.state(id, "done", new JsonObject().put("samples", 100));
        RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                p -> p.getString("state").equals("done"), "done");
        return id;
    }
}
