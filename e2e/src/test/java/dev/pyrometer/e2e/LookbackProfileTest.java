package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A look-back rule through the whole stack: the daemon keeps a JFR ring in the watched JVM, and
 * the samples from before the firing end up in the profile the controller serves, beside the
 * recording's own.
 */
class LookbackProfileTest {
    @TempDir
    Path dir;

    @Test
    void theRingsSamplesFromBeforeTheFiringAreInTheUploadedProfile() throws IOException {
        // an app of our own: other builds on this host run JVMs that a rule for any app would watch
        String app = "lookback-e2e-" + Long.toHexString(System.nanoTime());
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            Launched helper = stack.startHelper("lookback-host");
            Api api = stack.api();
            // "for" 5s: the ring starts when the rule first sees the JVM and needs a moment to sample
            Api.Response created = api.post("/api/v1/rules", new JsonObject().put("cpu_percent", 20).put("for", "5s")
                    .put("duration", "3s").put("cooldown", "1h").put("app", app).put("host", "lookback-host")
                    .put("lookback", true));
            assertEquals(201, created.status(), created.body());
            String rule = created.json().getString("id");
            helper.awaitOutput(Pattern.compile("rules from the controller: 1"), Await.LONG);

            try (Launched busy = Stack.busyJvm(List.of("-Dpyrometer.app=" + app), 2)) {
                Matcher fired = helper.awaitOutput(Pattern.compile("rule " + Pattern.quote(rule) + " fired on JVM "
                        + busy.pid() + " at [0-9.]+% CPU .*: profile (p-[0-9A-Z]{26})"), Await.LONG);
                String id = fired.group(1);
                // Written before the run starts, gone once the profile is uploaded: read it while it is there.
                Path spooled = dir.resolve("spool-lookback-host").resolve(id).resolve("lookback.collapsed");
                Await.until(Await.LONG, "the look-back of " + id + " in the spool", () -> Files.isRegularFile(spooled));
                String lookback = Files.readString(spooled);
                long ring = samples(lookback);
                assertTrue(ring > 0 && lookback.contains(Stack.HOT_METHOD), "the ring sampled the hot method: " + lookback);

                JsonObject done = api.awaitDone(id, Await.LONG);
                assertEquals("rule", done.getJsonObject("trigger").getString("kind"), done.encode());
                long recorded = done.getLong("samples");
                assertTrue(recorded > 0, done.encode());
                Api.Response collapsed = api.get("/api/v1/profiles/" + id + "/collapsed");
                assertEquals(200, collapsed.status(), collapsed.body());
                assertEquals(recorded + ring, samples(collapsed.body()),
                        "the served stacks are the recording's samples plus the ring's");
                DaemonProfileTest.assertHotMethodDominates(api, id);
            }
        }
    }

    private static long samples(String collapsed) {
        return collapsed.lines().filter(l -> !l.isBlank())
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum();
    }
}
