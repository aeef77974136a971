package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller as a real process, SIGKILLed halfway through an upload: the retry arrives exactly once. */
class KilledControllerTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

    @TempDir
    Path data;

    @Test
    void sigkillMidUploadThenRetryStoresTheArtifactOnce() throws Exception {
        byte[] recording = new byte[8 << 20];
        new java.util.Random(11).nextBytes(recording);
        String id;
        Process first = startProcess();
        int port = portOf(first);
        try (var helper = SimulatedHelper.connect(port, "web-k", jvm(42, "shop", "3.0"))) {
            var api = client(helper.vertx(), port);
            RunningController.until(() -> RunningController.await(api.get("/api/v1/jvms")
                    .bearerTokenAuthentication(RunningController.TOKEN).send()).bodyAsJsonArray(), a -> a.size() == 1, "inventory");
            id = RunningController.await(api.post("/api/v1/profiles").bearerTokenAuthentication(RunningController.TOKEN)
                    .sendJsonObject(new JsonObject().put("host", "web-k").put("pid", 42).put("duration", "1s")))
                    .bodyAsJsonObject().getString("id");
            helper.reply(helper.take("profile.start"), true, null);
            helper.state(id, "uploading", null);

            helper.uploadHalfOfRecording(id, recording);
            RunningController.until(this::partBytes, n -> n > 0, "half the upload on the controller's disk");
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the store
            first.waitFor(RunningController.WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        Process second = startProcess();
        int port2 = portOf(second);
        try (var helper = SimulatedHelper.connect(port2, "web-k", jvm(42, "shop", "3.0"))) {
            var api = client(helper.vertx(), port2);
            assertEquals(0L, partBytes(), "the half-written upload was discarded at start");
            JsonObject before = RunningController.await(api.get("/api/v1/profiles/" + id)
                    .bearerTokenAuthentication(RunningController.TOKEN).send()).bodyAsJsonObject();
            assertEquals("uploading", before.getString("state"), "the state applied before the kill survived it");
            assertEquals(201, helper.upload(id, Protocol.RECORDING, recording));
            assertEquals(200, helper.upload(id, Protocol.RECORDING, recording));
            helper.state(id, "done", new JsonObject().put("samples", 10));
            RunningController.until(() -> RunningController.await(api.get("/api/v1/profiles/" + id)
                    .bearerTokenAuthentication(RunningController.TOKEN).send()).bodyAsJsonObject(),
                    p -> p.getString("state").equals("done"), "done");
            var body = RunningController.await(api.get("/api/v1/profiles/" + id + "/recording.jfr")
                    .bearerTokenAuthentication(RunningController.TOKEN).send()).body().getBytes();
            assertArrayEquals(recording, body);
            try (Stream<Path> files = Files.list(data.resolve("artifacts").resolve(id))) {
                assertEquals(1, files.count(), "stored exactly once");
            }
        } finally {
            second.destroy();
            second.waitFor(RunningController.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @TempDir
    Path logs;
    private int starts;

    /** A controller process; its output goes to a file the test reads the port from. */
    private Process startProcess() throws Exception {
        Path log = logs.resolve("controller-" + (++starts) + ".log");
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ControllerMain.class.getName(),
                "serve", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PYROMETER_TOKEN", RunningController.TOKEN);
        Process p = pb.start();
        lastLog = log;
        return p;
    }

    private Path lastLog;

    private int portOf(Process p) {
        Path log = lastLog;
        String text = RunningController.until(() -> read(log), t -> LISTENING.matcher(t).find() || !p.isAlive(),
                "the controller to listen");
        var m = LISTENING.matcher(text);
        if (!m.find()) {
            throw new AssertionError("controller exited before listening:\n" + text);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static WebClient client(Vertx vertx, int port) {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    private long partBytes() {
        try (Stream<Path> parts = Files.list(data.resolve("tmp"))) {
            return parts.mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
