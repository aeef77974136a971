package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /compare merges releases, ranks the regression first and does not call sampling noise a change. */
class CompareTest {
    static final String LOOP = "java.lang.Thread.run;com.shop.Main.loop;";

    @TempDir
    Path data;

    static Map<String, Double> release14() {
        var w = new LinkedHashMap<String, Double>();
        w.put(LOOP + "com.shop.Parser.parse", 40.0);
        w.put(LOOP + "com.shop.Cart.total", 30.0);
        w.put(LOOP + "com.shop.Db.query", 20.0);
        w.put(LOOP + "com.shop.Log.write", 8.0);
        w.put(LOOP + "com.shop.Cache.get", 2.0);
        return w;
    }

    @Test
    void theNewHotMethodRanksFirstAndIsSignificant() {
        var release15 = new LinkedHashMap<>(release14());
        release15.put(LOOP + "com.shop.Cart.total;java.util.regex.Pattern.matcher", 35.0);
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            var random = new Random(42);
            // a busy host (many samples) must not outweigh the others: each profile counts once
            int[] sizes = {500, 5000, 800, 1200};
            for (int s : sizes) {
                ReleaseProfiles.done(controller, helper, 7, "shop", "1.4", ReleaseProfiles.sample(release14(), s, random));
                ReleaseProfiles.done(controller, helper, 7, "shop", "1.5", ReleaseProfiles.sample(release15, s, random));
            }
            JsonObject r = controller.getObject("/api/v1/compare?app=shop&base=1.4&new=1.5");
            assertEquals(4, r.getJsonObject("base").getInteger("profiles"));
            assertEquals(7500, r.getJsonObject("new").getLong("samples"));
            assertEquals("welch-holm", r.getString("test"));
            assertFalse(r.getBoolean("few_profiles"), "4 profiles a side are enough: " + r.encode());
            JsonObject first = r.getJsonArray("changes").getJsonObject(0);
            assertEquals("java.util.regex.Pattern.matcher", first.getString("frame"), r.encodePrettily());
            assertTrue(first.getBoolean("significant"), r.encodePrettily());
            assertEquals(0.0, first.getDouble("base_self_pct"));
            assertTrue(first.getDouble("delta_pct") > 20, r.encodePrettily());

            var html = controller.get(r.getString("flamegraph"));
            assertEquals(200, html.statusCode());
            assertTrue(html.bodyAsString().contains("java.util.regex.Pattern.matcher"));

            JsonObject windowed = controller.getObject("/api/v1/compare?app=shop&base=1.4&new=1.5&until=2000-01-01T00:00:00Z"
                    .replace("until=2000-01-01T00:00:00Z", "since=1h"));
            assertEquals(4, windowed.getJsonObject("new").getInteger("profiles"));
            assertEquals("app", controller.get("/api/v1/compare?base=1.4&new=1.5").bodyAsJsonObject().getString("field"));
            assertEquals("event", controller.get("/api/v1/compare?app=shop&base=1.4&new=1.5&event=gpu").bodyAsJsonObject()
                    .getString("field"));
            var none = controller.get("/api/v1/compare?app=shop&base=1.3&new=1.5");
            assertEquals(404, none.statusCode());
            assertEquals("base", none.bodyAsJsonObject().getString("field"));
            var old = controller.get("/api/v1/compare?app=shop&base=1.4&new=1.5&until=2000-01-01T00:00:00Z");
            assertEquals(404, old.statusCode(), "nothing before 2000");
        }
    }

    @Test
    void capturesOfTheSameCodeShowNothingSignificantInTwentyComparisons() {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-2", jvm(8, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            int flagged = 0;
            var report = new StringBuilder();
            for (int seed = 1; seed <= 20; seed++) {
                var random = new Random(seed);
                String app = "noise-" + seed;
                for (int i = 0; i < 3; i++) {
                    ReleaseProfiles.done(controller, helper, 8, app, "a", ReleaseProfiles.sample(release14(), 1000, random));
                    ReleaseProfiles.done(controller, helper, 8, app, "b", ReleaseProfiles.sample(release14(), 1000, random));
                }
                JsonObject r = controller.getObject("/api/v1/compare?app=" + app + "&base=a&new=b");
                assertEquals(3, r.getJsonObject("base").getInteger("profiles"));
                assertTrue(r.getBoolean("few_profiles"), "3 profiles a side are few: " + r.encode());
                assertFalse(r.getJsonArray("changes").isEmpty());
                for (int i = 0; i < r.getJsonArray("changes").size(); i++) {
                    JsonObject c = r.getJsonArray("changes").getJsonObject(i);
                    if (c.getBoolean("significant")) {
                        flagged++;
                        report.append(seed).append(": ").append(c.encode()).append('\n');
                    }
                }
            }
            assertEquals(0, flagged, report.toString());
        }
    }

    @Test
    void oneProfileASideFallsBackToTheCountTest() {
        var release15 = new LinkedHashMap<>(release14());
        release15.put(LOOP + "com.shop.Slow.spin", 50.0);
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-3", jvm(9, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            var random = new Random(3);
            ReleaseProfiles.done(controller, helper, 9, "shop", "1.4", ReleaseProfiles.sample(release14(), 2000, random));
            ReleaseProfiles.done(controller, helper, 9, "shop", "1.5", ReleaseProfiles.sample(release15, 2000, random));
            JsonObject r = controller.getObject("/api/v1/compare?app=shop&base=1.4&new=1.5");
            assertEquals("two-proportion-z-bonferroni", r.getString("test"));
            assertFalse(r.getBoolean("few_profiles"), "the count test is not Welch's: " + r.encode());
            JsonObject first = r.getJsonArray("changes").getJsonObject(0);
            assertEquals("com.shop.Slow.spin", first.getString("frame"));
            assertTrue(first.getBoolean("significant"));
        }
    }
}
