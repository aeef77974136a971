package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set through the REST API fires on the helper by itself, even while the controller is down. */
class RuleProfileTest {
    @TempDir
    Path dir;

    @Test
    void aRuleFiredWhileTheControllerIsDownIsUploadedWhenItIsBack() {
        // an app of our own: other builds on this host run JVMs that a rule for any app would profile
        String app = "rules-e2e-" + Long.toHexString(System.nanoTime());
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            Launched helper = stack.startHelper("rule-host");
            Api api = stack.api();
            Api.Response created = api.post("/api/v1/rules", new JsonObject().put("cpu_percent", 20).put("for", "2s")
                    .put("duration", "3s").put("cooldown", "1h").put("app", app).put("host", "rule-host"));
            assertEquals(201, created.status(), created.body());
            String rule = created.json().getString("id");
            helper.awaitOutput(Pattern.compile("rules from the controller: 1"), Await.LONG);

            stack.controller.kill9();
            helper.awaitOutput(Pattern.compile("connection to the controller closed|cannot reach the controller"),
                    Await.LONG);
            try (Launched busy = Stack.busyJvm(List.of("-Dpyrometer.app=" + app), 2)) {
                Matcher fired = helper.awaitOutput(Pattern.compile("rule " + Pattern.quote(rule) + " fired on JVM "
                        + busy.pid() + " at [0-9.]+% CPU .*: profile (p-[0-9A-Z]{26})"), Await.LONG);
                String id = fired.group(1);
                Path spooled = dir.resolve("spool-rule-host").resolve(id);
                Await.until(Await.LONG, "profile " + id + " recorded into the spool", () ->
                        Files.exists(spooled.resolve("recording.jfr")) && Files.exists(spooled.resolve("flamegraph.html")));
                assertFalse(stack.controller.alive(), "recorded while no controller was reachable");

                stack.startController();
                Api back = stack.api();
                JsonObject done = back.awaitDone(id, Await.LONG);
                JsonObject trigger = done.getJsonObject("trigger");
                assertEquals("rule", trigger.getString("kind"), done.encode());
                assertEquals(rule, trigger.getString("rule"), done.encode());
                assertTrue(trigger.getDouble("observed_cpu_percent") >= 20, done.encode());
                assertEquals(busy.pid(), done.getLong("pid"), done.encode());
                assertEquals(app, done.getString("app"), done.encode());
                DaemonProfileTest.assertHotMethodDominates(back, id);
            }
        }
    }
}
