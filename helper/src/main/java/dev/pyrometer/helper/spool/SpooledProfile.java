package dev.pyrometer.helper.spool;

import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile the helper holds on disk: its last reported state and, once recorded, its artifacts
 * with their digests and upload outcome. Every change is written to {@code profile.json} at once
 * (write, then rename), so a helper killed at any moment finds the profile where it left it.
 */
public final class SpooledProfile {
    static final String META = "profile.json";

    private final Path dir;
    private final JsonObject meta;

    private SpooledProfile(Path dir, JsonObject meta) {
        this.dir = dir;
        this.meta = meta;
    }

    static SpooledProfile create(Path dir, String profileId, long pid) {
        var p = new SpooledProfile(dir, new JsonObject().put("profile_id", profileId).put("pid", pid)
                .put("created", System.currentTimeMillis()).put("artifacts", new JsonObject()));
        p.meta.put("state", ProfileStatus.ATTACHING.wireName());
        p.save();
        return p;
    }

    static SpooledProfile load(Path dir) throws IOException {
        return new SpooledProfile(dir, new JsonObject(Files.readString(dir.resolve(META), StandardCharsets.UTF_8)));
    }

    public String id() {
        return meta.getString("profile_id");
    }

    public long pid() {
        return meta.getLong("pid");
    }

    public long created() {
        return meta.getLong("created", 0L);
    }

    public Path dir() {
        return dir;
    }

    public synchronized ProfileStatus state() {
        return ProfileStatus.parse(meta.getString("state"));
    }

    /** Records a new state and what came with it; null arguments keep the previous value. */
    public synchronized void report(ProfileStatus state, String detail, String engine, Long samples, String started,
                                    String finished, String error) {
        meta.put("state", state.wireName());
        putIfPresent("detail", detail);
        putIfPresent("engine", engine);
        putIfPresent("samples", samples);
        putIfPresent("started", started);
        putIfPresent("finished", finished);
        putIfPresent("error", error);
        save();
    }

    /** The state as the controller should hear it (again, after a reconnect). */
    public synchronized WireMessage.ProfileState message() {
        return new WireMessage.ProfileState(id(), state(), meta.getString("detail"), meta.getString("engine"),
                meta.getLong("samples"), meta.getString("started"), meta.getString("finished"), meta.getString("error"));
    }

    // ---- rules hook: a profile a rule started must be announced (profile.created) before its states ----

    /** Keeps the {@code profile.created} of a rule-started profile until the controller has been sent it. */
    public synchronized void rememberCreated(WireMessage.ProfileCreated created) {
        meta.put("created_message", created.toJson()).put("announced", false);
        save();
    }

    /** The {@code profile.created} to (re-)send before this profile's states; empty for requested profiles. */
    public synchronized java.util.Optional<WireMessage.ProfileCreated> createdMessage() {
        JsonObject m = meta.getJsonObject("created_message");
        return m == null ? java.util.Optional.empty()
                : java.util.Optional.of((WireMessage.ProfileCreated) dev.pyrometer.wire.WireCodec.decode(m.encode()));
    }

    /** True while the controller may not know this profile: its artifacts cannot be uploaded yet (404). */
    public synchronized boolean awaitsAnnouncement() {
        return !meta.getBoolean("announced", true);
    }

    public synchronized void markAnnounced() {
        meta.put("announced", true);
        save();
    }

    /** Adds an artifact (a file in this directory) to upload. */
    public synchronized void addArtifact(String name, String file, String sha256, long size) {
        meta.getJsonObject("artifacts").put(name, new JsonObject().put("file", file).put("sha256", sha256)
                .put("size", size).put("outcome", ArtifactOutcome.PENDING.name()));
        save();
    }

    public synchronized void settle(String name, ArtifactOutcome outcome) {
        meta.getJsonObject("artifacts").getJsonObject(name).put("outcome", outcome.name());
        save();
    }

    /** Artifacts in the order they were added (the recording first). */
    public synchronized Map<String, Artifact> artifacts() {
        var out = new LinkedHashMap<String, Artifact>();
        meta.getJsonObject("artifacts").forEach(e -> {
            JsonObject a = (JsonObject) e.getValue();
            out.put(e.getKey(), new Artifact(e.getKey(), dir.resolve(a.getString("file")), a.getString("sha256"),
                    a.getLong("size"), ArtifactOutcome.valueOf(a.getString("outcome"))));
        });
        return out;
    }

    /** Bytes this profile takes on disk. */
    public long diskBytes() {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private void putIfPresent(String key, Object value) {
        if (value != null) {
            meta.put(key, value);
        }
    }

    private void save() {
        try {
            Path tmp = dir.resolve(META + ".tmp");
            Files.writeString(tmp, meta.encodePrettily(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(META) + ": " + e.getMessage(), e);
        }
    }

    /** One file to upload and how its upload ended so far. */
    public record Artifact(String name, Path file, String sha256, long size, ArtifactOutcome outcome) {
    }

    /** Where an artifact's upload stands; everything but PENDING is final. */
    public enum ArtifactOutcome {
        PENDING, STORED, REFUSED
    }
}
