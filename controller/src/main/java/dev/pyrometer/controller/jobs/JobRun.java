package dev.pyrometer.controller.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One scheduled time of a job and what came of it: {@code running}, {@code done} (profiles taken),
 * {@code failed} (none of its profiles finished), {@code missed} (nothing started; {@code reason} says why)
 * or {@code interrupted} (the controller stopped during it).
 */
public record JobRun(long id, String jobId, Instant scheduled, String state, List<String> profiles, String reason) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String MISSED = "missed";
    public static final String INTERRUPTED = "interrupted";

    public JobRun {
        profiles = List.copyOf(profiles);
    }

    public JsonObject toJson() {
        return new JsonObject().put("time", scheduled.toString()).put("state", state)
                .put("profiles", new JsonArray(profiles)).put("reason", reason);
    }
}
