package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.wire.ProfileIds;
import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are stored, pushed to the helpers whose host they match, and helper-started profiles are registered. */
class RulesTest {
    static final String RULE = "{\"cpu_percent\":90,\"for\":\"10s\",\"duration\":\"30s\",\"event\":\"cpu\","
            + "\"interval\":\"10ms\",\"cooldown\":\"10m\",\"app\":\"shop\",\"host\":\"web-*\",\"lookback\":false}";

    @TempDir
    Path data;

    /** The next rules.set this helper gets, answered ok; returns its rules. */
    static JsonArray rulesSet(SimulatedHelper helper) {
        JsonObject set = helper.take("rules.set");
        assertEquals(1, set.getInteger("max_concurrent"));
        helper.reply(set, true, null);
        return set.getJsonArray("rules");
    }

    @Test
    void rulesArePushedAfterHelloAndOnEveryChangeFilteredByHost() {
        String id;
        try (var controller = RunningController.start(data);
             var web = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"));
             var db = SimulatedHelper.connect(controller.port, "db-1", jvm(8, "pg", "16"))) {
            assertEquals(0, rulesSet(web).size(), "after hello: the (empty) set");
            assertEquals(0, rulesSet(db).size());

            var created = controller.post("/api/v1/rules", RULE);
            assertEquals(201, created.statusCode(), created.bodyAsString());
            id = created.bodyAsJsonObject().getString("id");
            JsonArray pushed = rulesSet(web);
            assertEquals(1, pushed.size());
            JsonObject rule = pushed.getJsonObject(0);
            assertEquals(id, rule.getString("id"));
            assertEquals(90.0, rule.getDouble("cpu_percent"));
            assertEquals("10s", rule.getString("for"));
            assertEquals("shop", rule.getString("app"));
            assertTrue(!rule.containsKey("host"), "the glob stays on the controller");
            assertEquals(0, rulesSet(db).size(), "db-1 does not match web-*");

            assertEquals("web-*", controller.getObject("/api/v1/rules/" + id).getString("host"));
            assertEquals(1, controller.getArray("/api/v1/rules").size());
        }
        try (var controller = RunningController.start(data);
             var web = SimulatedHelper.connect(controller.port, "web-2", jvm(7, "shop", "1.4"))) {
            assertEquals(id, rulesSet(web).getJsonObject(0).getString("id"), "stored across restarts, sent after hello");
            var deleted = RunningController.await(controller.client.delete("/api/v1/rules/" + id)
                    .bearerTokenAuthentication(RunningController.TOKEN).send());
            assertEquals(204, deleted.statusCode());
            assertEquals(0, rulesSet(web).size());
            assertEquals(404, controller.get("/api/v1/rules/" + id).statusCode());
        }
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        try (var controller = RunningController.start(data)) {
            assertField(controller, RULE.replace("\"cpu_percent\":90", "\"cpu_percent\":0"), "cpu_percent");
            assertField(controller, RULE.replace("\"cpu_percent\":90", "\"cpu_percent\":9000"), "cpu_percent");
            assertField(controller, RULE.replace("\"for\":\"10s\"", "\"for\":\"2h\""), "for");
            assertField(controller, RULE.replace("\"for\":\"10s\",", ""), "for");
            assertField(controller, RULE.replace("\"cooldown\":\"10m\"", "\"cooldown\":\"10s\""), "cooldown");
            assertField(controller, RULE.replace("\"duration\":\"30s\"", "\"duration\":\"1h\""), "duration");
            assertField(controller, RULE.replace("\"event\":\"cpu\"", "\"event\":\"gpu\""), "event");
            assertField(controller, RULE.replace("\"host\":\"web-*\"", "\"host\":\"web/1\""), "host");
            assertField(controller, RULE.replace("\"lookback\":false", "\"lookback\":\"yes\""), "lookback");
        }
    }

    @Test
    void aProfileTheHelperStartedItselfIsRegisteredOnceAndCompletes() {
        String id = ProfileIds.next();
        JsonObject announce = new JsonObject().put("type", "profile.created").put("profile_id", id).put("pid", 7)
                .put("event", "cpu").put("duration", "30s").put("interval", "10ms")
                .put("labels", new JsonObject().put("app", "shop").put("release", "1.4"))
                .put("trigger", new JsonObject().put("kind", "rule").put("rule", "r-1").put("observed_cpu_percent", 187.5))
                .put("created", "2026-11-22T02:40:00Z");
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"))) {
            rulesSet(helper);
            helper.send(announce);
            helper.state(id, "profiling", null);
            RunningController.until(() -> controller.get("/api/v1/profiles/" + id),
                    r -> r.statusCode() == 200 && r.bodyAsJsonObject().getString("state").equals("profiling"), "profiling");
            assertEquals(409, controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":7}").statusCode(),
                    "the JVM is busy with the rule's profile");
            assertEquals(201, helper.upload(id, Protocol.RECORDING, "jfr".getBytes(StandardCharsets.UTF_8)));
            helper.state(id, "done", new JsonObject().put("samples", 3000));
            JsonObject p = RunningController.until(() -> controller.get("/api/v1/profiles/" + id),
                    r -> r.statusCode() == 200 && r.bodyAsJsonObject().getString("state").equals("done"), "done")
                    .bodyAsJsonObject();
            assertEquals("rule", p.getJsonObject("trigger").getString("kind"));
            assertEquals(187.5, p.getJsonObject("trigger").getDouble("observed_cpu_percent"));
            assertEquals("1.4", p.getString("release"));
            assertEquals("2026-11-22T02:40:00Z", p.getString("created"));

            helper.send(announce); // re-sent after a reconnect: nothing changes
            helper.send(new JsonObject().put("type", "ping-me-not"));
            helper.take("error"); // the unknown type's answer, proving the announcement before it was handled
            assertEquals(1, controller.getArray("/api/v1/profiles?state=done").size());
            assertEquals("done", controller.getObject("/api/v1/profiles/" + id).getString("state"));

            helper.send(announce.copy().put("profile_id", "p-1"));
            JsonObject error = helper.take("error");
            assertEquals("profile.created", error.getString("re"));
        }
    }

    private static void assertField(RunningController c, String body, String field) {
        var r = c.post("/api/v1/rules", body);
        assertEquals(400, r.statusCode(), body + " → " + r.bodyAsString());
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }
}
