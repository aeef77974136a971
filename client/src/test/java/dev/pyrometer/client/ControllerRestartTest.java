package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile --wait} outlives a controller restart: the profile goes on, and so does the wait. */
class ControllerRestartTest {
    @TempDir
    Path data;
    @TempDir
    Path out;

    @Test
    void theWaitRidesOutARestartAndStillDownloads() throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        Path stacks = out.resolve("flame.collapsed");
        byte[] collapsed = Stacks.collapsed("com.example.Survivor.run");
        try {
            var first = ControllerUnderTest.start(data);
            int port = first.port();
            var cli = Cli.against(first.url(), ControllerUnderTest.TOKEN);
            Cli.Running running;
            String id;
            try (first; var helper = first.connect("web-1", 4242, "shop", "1.4")) {
                running = cli.start(executor, "profile", "--host", "web-1", "--pid", "4242", "--duration", "1s",
                        "-o", stacks.toString());
                id = helper.acceptNextProfile();
                helper.state(id, "profiling", new JsonObject().put("engine", "cpu"));
                Eventually.until(() -> running.out().toString().contains(": profiling"), running.out()::toString,
                        "the CLI to see the profile running");
            }
            Eventually.until(() -> running.out().toString().contains(": unreachable"), running.out()::toString,
                    "the CLI to notice the controller is gone");

            try (var second = ControllerUnderTest.startOn(data, port);
                 var helper = second.reconnect("web-1", 4242, "shop", "1.4")) {
                FinishedProfiles.play(helper, id, collapsed, out);
                Cli.Result r = running.result();
                assertEquals(0, r.exit(), r.toString());
                assertTrue(r.out().contains("profile " + id + ": unreachable (the controller at http://127.0.0.1:"
                        + port + " does not answer; waiting)"), r.out());
                assertTrue(r.out().contains("profile " + id + " done: 100 samples"), r.out());
                assertArrayEquals(collapsed, Files.readAllBytes(stacks));
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
