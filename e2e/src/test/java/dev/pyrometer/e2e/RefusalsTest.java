package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is refused, with real processes: wrong tokens, unknown hosts and pids, durations out of range. */
class RefusalsTest {
    @TempDir
    Path dir;

    @Test
    void badTokensUnknownTargetsAndBadDurationsAreRefusedWithoutTouchingTheJvm() {
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            String wrong = "not-the-token-" + System.nanoTime();
            Launched intruder = stack.startHelper("intruder", wrong);
            assertEquals(5, intruder.awaitExit(Await.LONG).orElseThrow(() -> new AssertionError(
                    "a helper with a wrong token must stop: " + intruder.output())));
            assertTrue(intruder.output().contains("PYROMETER_TOKEN"), "names the way out: " + intruder.output());
            assertFalse(intruder.output().contains(wrong), "the token is never logged");
            assertEquals(401, new Api(stack.baseUrl(), wrong).get("/api/v1/hosts").status());
            assertEquals(401, new Api(stack.baseUrl(), null).get("/api/v1/jvms").status());

            Launched helper = stack.startHelper("good-host");
            Launched busy = stack.startBusyJvm();
            Api api = stack.api();
            api.awaitJvm("good-host", busy.pid(), Await.LONG);
            assertFalse(api.get("/api/v1/hosts").body().contains("intruder"), "the refused helper never registered");

            Api.Response unknownHost = api.post("/api/v1/profiles", target("nowhere", busy.pid(), "2s"));
            assertEquals(404, unknownHost.status(), unknownHost.body());
            Api.Response unknownPid = api.post("/api/v1/profiles", target("good-host", 999_999_999L, "2s"));
            assertEquals(400, unknownPid.status(), unknownPid.body());
            assertEquals("pid", unknownPid.json().getString("field"));
            for (String d : new String[] {"0s", "11m", "soon"}) {
                Api.Response r = api.post("/api/v1/profiles", target("good-host", busy.pid(), d));
                assertEquals(400, r.status(), d + ": " + r.body());
                assertEquals("duration", r.json().getString("field"));
            }
            // nothing above reached the JVM: it still runs and a real profile works
            assertTrue(busy.alive());
            api.awaitDone(api.profile("good-host", busy.pid(), "1s"), Await.LONG);
            assertTrue(busy.alive());
            assertFalse(helper.output().contains(Stack.TOKEN), "the helper never logs its token");
        }
    }

    private static JsonObject target(String host, long pid, String duration) {
        return new JsonObject().put("host", host).put("pid", pid).put("duration", duration);
    }
}
