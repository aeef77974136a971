package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periodic jobs take profiles on schedule, survive restarts, record what they missed, pause and go away. */
class JobsTest {
    @TempDir
    Path data;

    static ControllerConfig config(Path data) {
        return ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN).withMinJobPeriod(Duration.ofSeconds(1));
    }

    static SimulatedHelper helper(RunningController controller) {
        var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"), jvm(8, "billing", "2.0"));
        helper.autoProfile(TestFlameGraph.collapsed("com.shop.Cart.total"));
        RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 2, "inventory");
        return helper;
    }

    static JsonArray runs(RunningController c, String id) {
        return c.getObject("/api/v1/jobs/" + id).getJsonArray("runs");
    }

    static long count(JsonArray runs, String state) {
        return IntStream.range(0, runs.size()).filter(i -> runs.getJsonObject(i).getString("state").equals(state)).count();
    }

    /** Polls the clock, with a deadline, until {@code t} has passed. */
    static void passes(Instant t) {
        RunningController.until(Instant::now, now -> now.isAfter(t), "the clock to pass " + t);
    }

    @Test
    void aJobProfilesOnScheduleAndKeepsDoingSoAcrossARestart() {
        String id;
        Instant nextRun;
        try (var controller = RunningController.start(config(data)); var helper = helper(controller)) {
            var created = controller.post("/api/v1/jobs", "{\"name\":\"baseline\",\"app\":\"shop\",\"every\":\"2s\","
                    + "\"duration\":\"1s\",\"max_concurrent\":2,\"jitter\":\"200ms\"}");
            assertEquals(201, created.statusCode(), created.bodyAsString());
            id = created.bodyAsJsonObject().getString("id");
            String job = id;
            RunningController.until(() -> runs(controller, job), r -> count(r, "done") >= 2, "two done runs");

            JsonArray profiles = controller.getArray("/api/v1/profiles?job=" + id);
            assertTrue(profiles.size() >= 2);
            for (int i = 0; i < profiles.size(); i++) {
                JsonObject p = profiles.getJsonObject(i);
                assertEquals(7, p.getLong("pid"), "only app shop is selected");
                assertEquals(id, p.getString("job"));
                assertEquals(new JsonObject().put("kind", "job").put("job", id), p.getJsonObject("trigger"));
                assertEquals("1.4", p.getString("release"));
            }
            JsonObject done = runs(controller, id).stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("state").equals("done")).findFirst().orElseThrow();
            assertEquals(1, done.getJsonArray("profiles").size());
            assertTrue(controller.getArray("/api/v1/profiles?job=" + id).stream().map(JsonObject.class::cast)
                    .anyMatch(p -> p.getString("id").equals(done.getJsonArray("profiles").getString(0))));
            assertEquals("baseline", controller.getArray("/api/v1/jobs").getJsonObject(0).getString("name"));
            nextRun = Instant.parse(controller.getObject("/api/v1/jobs/" + id).getString("next_run"));
        }
        passes(nextRun); // the controller is down at the job's next time

        try (var controller = RunningController.start(config(data)); var helper = helper(controller)) {
            Instant restarted = Instant.now();
            String job = id;
            JsonArray after = RunningController.until(() -> runs(controller, job),
                    r -> r.stream().map(JsonObject.class::cast).anyMatch(x -> x.getString("state").equals("done")
                            && Instant.parse(x.getString("time")).isAfter(restarted)), "a done run after the restart");
            JsonObject missed = after.stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("state").equals("missed")).findFirst().orElseThrow(() ->
                            new AssertionError("no missed run recorded: " + after.encodePrettily()));
            assertTrue(missed.getString("reason").contains("controller was not running"), missed.encode());
            assertEquals(nextRun.toString(), missed.getString("time"));
        }
    }

    @Test
    void runsWithoutAMatchingJvmAreRecordedAsMissed() {
        try (var controller = RunningController.start(config(data)); var helper = helper(controller)) {
            String id = controller.post("/api/v1/jobs", "{\"app\":\"nothing-runs-this\",\"every\":\"2s\",\"duration\":\"1s\"}")
                    .bodyAsJsonObject().getString("id");
            JsonArray runs = RunningController.until(() -> runs(controller, id), r -> !r.isEmpty(), "a run");
            assertEquals("missed", runs.getJsonObject(0).getString("state"));
            assertEquals("no matching JVM online", runs.getJsonObject(0).getString("reason"));
            String offline = controller.post("/api/v1/jobs", "{\"host\":\"db-*\",\"every\":\"2s\",\"duration\":\"1s\"}")
                    .bodyAsJsonObject().getString("id");
            assertEquals("no host matches 'db-*'", RunningController.until(() -> runs(controller, offline),
                    r -> !r.isEmpty(), "a run").getJsonObject(0).getString("reason"));
            assertTrue(helper.starts.isEmpty(), "nothing was profiled");
        }
    }

    @Test
    void pauseStopsRunsResumeRestartsThemDeleteRemoves() {
        try (var controller = RunningController.start(config(data)); var helper = helper(controller)) {
            String id = controller.post("/api/v1/jobs", "{\"selector\":{\"host\":\"web-?\",\"labels\":{\"release\":\"2.0\"}},"
                    + "\"every\":\"2s\",\"duration\":\"1s\"}").bodyAsJsonObject().getString("id");
            RunningController.until(() -> runs(controller, id), r -> count(r, "done") >= 1, "a done run");
            var paused = controller.post("/api/v1/jobs/" + id + "/pause", "");
            assertEquals(200, paused.statusCode(), paused.bodyAsString());
            assertTrue(paused.bodyAsJsonObject().getBoolean("paused"));
            // a run already started may still finish: count once it has
            RunningController.until(() -> runs(controller, id), r -> count(r, "running") == 0, "no run going");
            int before = runs(controller, id).size();
            passes(Instant.now().plusSeconds(4)); // two periods
            assertEquals(before, runs(controller, id).size(), "no runs while paused");
            assertTrue(helper.starts.stream().allMatch(s -> s.getLong("pid") == 8), "labels select billing 2.0 only");

            assertEquals(200, controller.post("/api/v1/jobs/" + id + "/resume", "").statusCode());
            RunningController.until(() -> runs(controller, id), r -> r.size() > before, "a run after resume");

            var deleted = RunningController.await(controller.client.delete("/api/v1/jobs/" + id)
                    .bearerTokenAuthentication(RunningController.TOKEN).send());
            assertEquals(204, deleted.statusCode());
            assertEquals(404, controller.get("/api/v1/jobs/" + id).statusCode());
            assertEquals(0, controller.getArray("/api/v1/jobs").size());
        }
    }

    @Test
    void aRunProfilesNoMoreThanMaxConcurrentTargetsAtOnce() {
        try (var controller = RunningController.start(config(data));
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"), jvm(8, "shop", "1.4"),
                     jvm(9, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 3, "inventory");
            String id = controller.post("/api/v1/jobs", "{\"app\":\"shop\",\"every\":\"3s\",\"duration\":\"1s\","
                    + "\"max_concurrent\":1}").bodyAsJsonObject().getString("id");
            JsonObject previous = null;
            var pids = new java.util.HashSet<Long>();
            for (int i = 0; i < 3; i++) {
                JsonObject start = helper.take("profile.start");
                String pid = start.getString("profile_id");
                pids.add(start.getLong("pid"));
                JsonObject created = controller.getObject("/api/v1/profiles/" + pid);
                if (previous != null) {
                    // the next target is only started once the previous one has finished
                    assertTrue(!Instant.parse(created.getString("created")).isBefore(Instant.parse(previous.getString("finished"))),
                            created.getString("created") + " before " + previous.getString("finished"));
                }
                ReleaseProfiles.finish(controller, helper, start, TestFlameGraph.collapsed("com.shop.Cart.total"));
                previous = controller.getObject("/api/v1/profiles/" + pid);
            }
            assertEquals(java.util.Set.of(7L, 8L, 9L), pids);
            RunningController.until(() -> runs(controller, id), r -> count(r, "done") >= 1, "the run done");
            assertEquals(3, runs(controller, id).stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("state").equals("done")).findFirst().orElseThrow()
                    .getJsonArray("profiles").size());
        }
    }

    @Test
    void badJobsAreRefusedNamingTheField() {
        try (var controller = RunningController.start(config(data))) {
            assertField(controller, "{\"duration\":\"1s\"}", "every");
            assertField(controller, "{\"every\":\"100ms\"}", "every");
            assertField(controller, "{\"cron\":\"61 * * * *\"}", "cron");
            assertField(controller, "{\"cron\":\"* * *\"}", "cron");
            assertField(controller, "{\"every\":\"1m\",\"max_concurrent\":0}", "max_concurrent");
            assertField(controller, "{\"every\":\"1m\",\"event\":\"gpu\"}", "event");
            assertField(controller, "{\"every\":\"1m\",\"duration\":\"2m\"}", "duration");
            assertField(controller, "{\"every\":\"1m\",\"jitter\":\"1m\"}", "jitter");
            assertField(controller, "{\"every\":\"1m\",\"host\":\"a/b\"}", "host");
            assertField(controller, "{\"every\":\"1m\",\"retention\":{\"max_bytes\":-1}}", "retention.max_bytes");
            var cron = controller.post("/api/v1/jobs", "{\"cron\":\"*/15 * * * *\",\"app\":\"shop\"}");
            assertEquals(201, cron.statusCode(), cron.bodyAsString());
        }
    }

    private static void assertField(RunningController c, String body, String field) {
        var r = c.post("/api/v1/jobs", body);
        assertEquals(400, r.statusCode(), body + " → " + r.bodyAsString());
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }
}
