package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real processes: API → controller → helper daemon → attach to a busy JVM →
 * upload → flame graph from the controller; then a controller restart keeps everything.
 */
class DaemonProfileTest {
    @TempDir
    Path dir;

    @Test
    void profileABusyJvmThroughTheApiAndKeepItAcrossARestart() {
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            stack.startHelper("e2e-host");
            Launched busy = stack.startBusyJvm();
            Api api = stack.api();
            api.awaitJvm("e2e-host", busy.pid(), Await.LONG);

            String id = api.profile("e2e-host", busy.pid(), "3s");
            Api.Response second = api.post("/api/v1/profiles", new JsonObject().put("host", "e2e-host")
                    .put("pid", busy.pid()).put("duration", "3s"));
            assertEquals(409, second.status(), "a second profile of the same JVM is refused: " + second.body());
            assertTrue(second.body().contains(id), "the refusal names the running profile: " + second.body());

            JsonObject done = api.awaitDone(id, Stack.profileDeadline());
            assertTrue(done.getString("engine") != null, "the engine that ran is reported: " + done.encode());
            assertTrue(done.getLong("samples") > 0, "samples reported: " + done.encode());
            assertHotMethodDominates(api, id);
            Api.Response html = api.get("/api/v1/profiles/" + id + "/flamegraph.html");
            assertEquals(200, html.status());
            assertTrue(html.body().contains("CpuBurner.burn"), "the flame graph names the hot method");

            // cancel: a 5-minute profile stopped early still delivers what it recorded
            String longOne = api.profile("e2e-host", busy.pid(), "5m");
            Await.until(Await.LONG, "profile " + longOne + " profiling", () ->
                    "profiling".equals(api.get("/api/v1/profiles/" + longOne).json().getString("state")));
            Api.Response cancel = api.post("/api/v1/profiles/" + longOne + "/cancel", new JsonObject());
            assertTrue(cancel.status() / 100 == 2, "cancel accepted: " + cancel.status() + " " + cancel.body());
            JsonObject cancelled = api.awaitDone(longOne, Await.LONG);
            assertTrue(cancelled.getString("detail").contains("cancelled"), cancelled.encode());
            assertHotMethodDominates(api, longOne);

            stack.controller.close();
            stack.startController();
            Api after = stack.api();
            JsonArray listed = new JsonArray(after.get("/api/v1/profiles").body());
            assertEquals(1, listed.stream().filter(o -> id.equals(((JsonObject) o).getString("id"))).count(),
                    "the profile is listed once after the restart: " + listed.encode());
            assertHotMethodDominates(after, id);
            assertEquals(200, after.get("/api/v1/profiles/" + id + "/flamegraph.html").status());
        }
    }

    /** More than half the samples of the collapsed stacks end in the busy JVM's hot method. */
    static void assertHotMethodDominates(Api api, String id) {
        Api.Response collapsed = api.get("/api/v1/profiles/" + id + "/collapsed");
        assertEquals(200, collapsed.status(), collapsed.body());
        long total = 0;
        long hot = 0;
        for (String line : collapsed.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            total += n;
            if (line.substring(0, space).contains(Stack.HOT_METHOD)) {
                hot += n;
            }
        }
        assertTrue(total > 0, "collapsed stacks are empty");
        assertTrue(hot * 2 > total, "hot method holds " + hot + " of " + total + " samples");
    }
}
