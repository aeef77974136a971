package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.retention.RetentionPolicy;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes old and excess profiles, metadata and files together, globally and per job. */
class RetentionTest {
    static final Duration SWEEP = Duration.ofMillis(200);

    @TempDir
    Path data;

    private static ControllerConfig config(Path data, RetentionPolicy policy) {
        return ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN).withRetention(policy)
                .withMinJobPeriod(Duration.ofSeconds(1));
    }

    /** A done profile whose collapsed stacks are exactly {@code bytes} long (plus a 3-byte recording). */
    private static String profile(RunningController c, SimulatedHelper h, int bytes) {
        byte[] body = ("a;b 1\n" + "x".repeat(bytes - 6)).getBytes(StandardCharsets.UTF_8);
        return ReleaseProfiles.done(c, h, 7, "shop", "1.4", body);
    }

    /** Metadata goes first, then files (see RetentionStore): wait for both. */
    private void gone(RunningController controller, String id) {
        RunningController.until(() -> controller.get("/api/v1/profiles/" + id).statusCode() == 404
                && !Files.exists(data.resolve("artifacts").resolve(id)), ok -> ok, id + " and its files deleted");
    }

    @Test
    void theOldestGoWhenTheStoreIsOverItsByteLimitMetadataAndFilesTogether() {
        var policy = new RetentionPolicy(null, 2_500L, SWEEP);
        try (var controller = RunningController.start(config(data, policy));
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            String oldest = profile(controller, helper, 997);
            String middle = profile(controller, helper, 997);
            String newest = profile(controller, helper, 997);
            gone(controller, oldest);
            assertEquals(200, controller.get("/api/v1/profiles/" + middle).statusCode());
            assertEquals(200, controller.get("/api/v1/profiles/" + newest + "/collapsed").statusCode());
            assertTrue(Files.exists(data.resolve("artifacts").resolve(newest)));
            assertEquals(2, controller.getArray("/api/v1/profiles").size());
        }
    }

    @Test
    void profilesOlderThanTheMaxAgeGoButUnfinishedOnesStay() {
        var policy = new RetentionPolicy(Duration.ofSeconds(1), null, SWEEP);
        try (var controller = RunningController.start(config(data, policy));
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"), jvm(9, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 2, "inventory");
            String done = profile(controller, helper, 100);
            String running = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":9,\"duration\":\"10m\"}")
                    .bodyAsJsonObject().getString("id");
            helper.reply(helper.take("profile.start"), true, null);
            helper.state(running, "profiling", null);
            gone(controller, done);
            // the running one is older than the limit by now, and still there
            assertEquals("profiling", controller.getObject("/api/v1/profiles/" + running).getString("state"));
        }
    }

    @Test
    void aJobKeepsOnlyWhatItsRetentionAllowsAndOtherProfilesAreUntouched() {
        try (var controller = RunningController.start(config(data, new RetentionPolicy(null, null, SWEEP)));
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            String manual = profile(controller, helper, 5000);
            helper.autoProfile(TestFlameGraph.collapsed("com.shop.Cart.total"));
            long oneProfile = 3 + TestFlameGraph.collapsed("com.shop.Cart.total").length;
            String job = controller.post("/api/v1/jobs", new JsonObject().put("app", "shop").put("every", "2s")
                    .put("duration", "1s").put("retention", new JsonObject().put("max_bytes", 2 * oneProfile)).encode())
                    .bodyAsJsonObject().getString("id");
            RunningController.until(() -> JobsTest.count(JobsTest.runs(controller, job), "done"), n -> n >= 4,
                    "four done runs");
            RunningController.until(() -> controller.getArray("/api/v1/profiles?job=" + job).size(), n -> n <= 2,
                    "the job's profiles trimmed to two");
            assertEquals(200, controller.get("/api/v1/profiles/" + manual).statusCode(), "not the job's: kept");
        }
    }

    @Test
    void aDeletionInterruptedByACrashIsFinishedAtTheNextStart() throws Exception {
        String id;
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(7, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            id = profile(controller, helper, 100);
        }
        // what a crash right after the first step leaves: tombstone written, metadata gone, files still there
        try (var db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("metadata").toAbsolutePath(), "pyrometer", "");
             var st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS deletions (profile_id VARCHAR PRIMARY KEY)");
            st.execute("INSERT INTO deletions VALUES ('" + id + "')");
            st.execute("DELETE FROM artifacts WHERE profile_id = '" + id + "'");
            st.execute("DELETE FROM profiles WHERE id = '" + id + "'");
        }
        assertTrue(Files.exists(data.resolve("artifacts").resolve(id)));
        try (var controller = RunningController.start(data)) {
            assertFalse(Files.exists(data.resolve("artifacts").resolve(id)), "files removed before the controller serves");
            assertEquals(404, controller.get("/api/v1/profiles/" + id).statusCode());
        }
    }
}
