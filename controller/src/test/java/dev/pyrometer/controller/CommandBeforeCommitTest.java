package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller sends {@code profile.start} without waiting for the profile's record to be
 * committed, but answers 202 only once it is: a profile whose record cannot be stored is not
 * acknowledged, is cancelled on the helper, and leaves the JVM free.
 */
class CommandBeforeCommitTest {

    @TempDir
    Path data;

    @Test
    void aProfileWhoseRecordCannotBeStoredIsRefusedAndCancelledOnTheHelper() throws Exception {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-1", jvm(4242, "shop", "1.4"));
             // the controller's own database, reached in-process: H2 shares one instance per URL
             Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("metadata").toAbsolutePath()
                     + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "pyrometer", "")) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            try (var st = db.createStatement()) {
                st.execute("ALTER TABLE profiles ADD CONSTRAINT refuse_all CHECK (pid < 0)");
            }

            var refused = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"2s\"}");
            assertNotEquals(202, refused.statusCode(), "not acknowledged: " + refused.bodyAsString());
            JsonObject start = helper.take("profile.start");
            helper.reply(start, true, null);
            JsonObject cancel = helper.take("profile.cancel");
            assertEquals(start.getString("profile_id"), cancel.getString("profile_id"));
            assertEquals(404, controller.get("/api/v1/profiles/" + start.getString("profile_id")).statusCode(),
                    "no record of the refused profile");

            try (var st = db.createStatement()) {
                st.execute("ALTER TABLE profiles DROP CONSTRAINT refuse_all");
            }
            var created = controller.post("/api/v1/profiles", "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"2s\"}");
            assertEquals(202, created.statusCode(), "the JVM is not left reserved: " + created.bodyAsString());
            String id = created.bodyAsJsonObject().getString("id");
            assertEquals(id, helper.take("profile.start").getString("profile_id"));
            assertEquals("queued", controller.getObject("/api/v1/profiles/" + id).getString("state"));
        }
    }
}
