package dev.pyrometer.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Done profiles labelled with an app and release, their collapsed stacks drawn at random from a distribution. */
final class ReleaseProfiles {
    private ReleaseProfiles() {
    }

    /** Collapsed stacks of {@code samples} samples drawn from stack → weight. */
    static byte[] sample(Map<String, Double> weights, int samples, Random random) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        var counts = new LinkedHashMap<String, Integer>();
        weights.keySet().forEach(k -> counts.put(k, 0));
        for (int i = 0; i < samples; i++) {
            double r = random.nextDouble() * total;
            for (var e : weights.entrySet()) {
                r -= e.getValue();
                if (r < 0) {
                    counts.merge(e.getKey(), 1, Integer::sum);
                    break;
                }
            }
        }
        var sb = new StringBuilder();
        counts.forEach((stack, n) -> {
            if (n > 0) {
                sb.append(stack).append(' ').append(n).append('\n');
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Takes one profile of {@code pid} through the simulated helper, uploading these stacks, and waits for done. */
    static String done(RunningController controller, SimulatedHelper helper, long pid, String app, String release,
                       byte[] collapsed) {
        var created = controller.post("/api/v1/profiles", new JsonObject().put("host", helper.host).put("pid", pid)
                .put("duration", "1s").put("labels", new JsonObject().put("app", app).put("release", release)).encode());
        assertEquals(202, created.statusCode(), created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        JsonObject start = helper.take("profile.start");
        assertEquals(id, start.getString("profile_id"));
        finish(controller, helper, start, collapsed);
        return id;
    }

    /** Answers a {@code profile.start} as a helper would: reply, uploads, done; waits until the controller has it done. */
    static void finish(RunningController controller, SimulatedHelper helper, JsonObject start, byte[] collapsed) {
        String id = start.getString("profile_id");
        helper.reply(start, true, null);
        assertEquals(201, helper.upload(id, Protocol.RECORDING, "jfr".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, helper.upload(id, Protocol.COLLAPSED, collapsed));
        helper.state(id, "done", new JsonObject().put("samples", 1));
        RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                p -> p.getString("state").equals("done"), "profile " + id + " done");
    }
}
