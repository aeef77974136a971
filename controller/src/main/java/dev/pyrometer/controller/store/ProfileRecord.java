package dev.pyrometer.controller.store;

import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Trigger;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/** One profile as the controller keeps it and the API shows it. */
public record ProfileRecord(String id, String host, long pid, ProfileStatus state, String error, String detail,
                            String event, String engine, String interval, String duration, Long samples,
                            Instant created, Instant started, Instant finished, Map<String, String> labels,
                            String app, String release, Trigger trigger) {

    public ProfileRecord {
        labels = Map.copyOf(labels);
        trigger = trigger == null ? Trigger.manual() : trigger;
    }

    /** The job that took this profile, or null. */
    public String job() {
        return trigger.job();
    }

    public ProfileRecord withState(ProfileStatus newState, String newDetail, String newError) {
        Instant end = newState.terminal() && finished == null ? Instant.now() : finished;
        return new ProfileRecord(id, host, pid, newState, newError, newDetail, event, engine, interval, duration,
                samples, created, started, end, labels, app, release, trigger);
    }

    /** Applies what a helper reported; absent fields keep their value. */
    public ProfileRecord withReport(ProfileStatus newState, String newDetail, String newError, String newEngine,
                                    Long newSamples, Instant newStarted, Instant newFinished) {
        return new ProfileRecord(id, host, pid, newState, newError, newDetail != null ? newDetail : detail, event,
                newEngine != null ? newEngine : engine, interval, duration,
                newSamples != null ? newSamples : samples, created, newStarted != null ? newStarted : started,
                newFinished != null ? newFinished : finished, labels, app, release, trigger);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("host", host).put("pid", pid).put("state", state.wireName())
                .put("error", error).put("detail", detail).put("event", event).put("engine", engine)
                .put("interval", interval).put("duration", duration).put("samples", samples)
                .put("created", text(created)).put("started", text(started)).put("finished", text(finished))
                .put("labels", new JsonObject(new java.util.LinkedHashMap<>(labels))).put("app", app)
                .put("release", release).put("trigger", trigger.toJson()).put("job", job());
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
