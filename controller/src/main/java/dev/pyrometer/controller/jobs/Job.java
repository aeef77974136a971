package dev.pyrometer.controller.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored job: its spec, when it was created (the anchor of {@code every}), whether paused, and its next run. */
public record Job(String id, JobSpec spec, Instant created, boolean paused, Instant nextRun) {

    public Job withPaused(boolean p) {
        return new Job(id, spec, created, p, nextRun);
    }

    public Job withNextRun(Instant next) {
        return new Job(id, spec, created, paused, next);
    }

    public JsonObject toJson() {
        return spec.toJson().put("id", id).put("created", created.toString()).put("paused", paused)
                .put("next_run", paused || nextRun == null ? null : nextRun.toString());
    }
}
