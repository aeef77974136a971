package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller crashes or is not there yet: the helper spools and nothing is lost or stored twice. */
class ControllerOutageTest {
    @TempDir
    Path dir;

    @Test
    void aControllerKilledMidProfileGetsTheProfileExactlyOnceWhenItIsBack() throws IOException {
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            Launched helper = stack.startHelper("crash-host");
            Launched busy = stack.startBusyJvm();
            Api api = stack.api();
            api.awaitJvm("crash-host", busy.pid(), Await.LONG);

            String id = api.profile("crash-host", busy.pid(), "4s");
            Await.until(Await.LONG, "profile " + id + " profiling", () ->
                    "profiling".equals(api.get("/api/v1/profiles/" + id).json().getString("state")));
            stack.controller.kill9();
            // the helper finishes the recording alone and holds it until the controller is back
            helper.awaitOutput(Pattern.compile("upload of recording.jfr of profile " + id + " will be retried"
                    + "|cannot send profile.state"), Await.LONG);
            assertTrue(Files.exists(dir.resolve("spool-crash-host").resolve(id).resolve("recording.jfr")),
                    "the recording waits in the spool");

            stack.startController();
            Api back = stack.api();
            JsonObject done = back.awaitDone(id, Await.LONG);
            assertTrue(done.getLong("samples") > 0, done.encode());
            DaemonProfileTest.assertHotMethodDominates(back, id);
            JsonArray listed = new JsonArray(back.get("/api/v1/profiles").body());
            assertEquals(1, listed.stream().filter(o -> id.equals(((JsonObject) o).getString("id"))).count());
            assertEquals(3, done.getJsonObject("artifacts").size(), "each artifact stored once: " + done.encode());
            Await.until(Await.LONG, "spool emptied", () -> !Files.exists(dir.resolve("spool-crash-host").resolve(id)));
            try (Stream<Path> files = Files.list(dir.resolve("controller/artifacts").resolve(id))) {
                assertEquals(3, files.filter(Files::isRegularFile).count(), "no duplicate or half-written artifact");
            }
        }
    }

    @Test
    void aControllerKilledMidUploadStoresTheProfileOnceWhenItIsBack() throws IOException, InterruptedException {
        try (Stack stack = new Stack(dir);
             StallingProxy proxy = new StallingProxy(() -> stack.port)) {
            stack.startController();
            Launched helper = stack.startHelper("upload-host", Stack.TOKEN, "http://127.0.0.1:" + proxy.port());
            Launched busy = stack.startBusyJvm();
            Api api = stack.api();
            api.awaitJvm("upload-host", busy.pid(), Await.LONG);

            String id = api.profile("upload-host", busy.pid(), "2s");
            assertTrue(proxy.stalled.await(Await.LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    "the first upload was never held half-sent; helper output:\n" + helper.output());
            stack.controller.kill9();
            helper.awaitOutput(Pattern.compile("will be retried"), Await.LONG);

            stack.startController();
            Api back = stack.api();
            JsonObject done = back.awaitDone(id, Await.LONG);
            DaemonProfileTest.assertHotMethodDominates(back, id);
            JsonArray listed = new JsonArray(back.get("/api/v1/profiles").body());
            assertEquals(1, listed.stream().filter(o -> id.equals(((JsonObject) o).getString("id"))).count());
            assertEquals(3, done.getJsonObject("artifacts").size(), "each artifact stored once: " + done.encode());
            Api.Response jfr = back.get("/api/v1/profiles/" + id + "/recording.jfr");
            assertEquals(200, jfr.status());
            try (Stream<Path> files = Files.list(dir.resolve("controller/artifacts").resolve(id))) {
                assertEquals(3, files.filter(Files::isRegularFile).count(), "no half-sent upload kept");
            }
        }
    }

    @Test
    void aHelperStartedBeforeItsControllerConnectsWhenTheControllerComes() throws IOException {
        try (Stack stack = new Stack(dir)) {
            stack.reservePort();
            Launched helper = stack.startHelper("early-host");
            helper.awaitOutput(Pattern.compile("cannot reach the controller"), Await.LONG);
            Launched busy = stack.startBusyJvm();
            stack.startController();
            Api api = stack.api();
            api.awaitJvm("early-host", busy.pid(), Await.LONG);
            String id = api.profile("early-host", busy.pid(), "2s");
            api.awaitDone(id, Await.LONG);
            DaemonProfileTest.assertHotMethodDominates(api, id);
        }
    }
}
