package dev.pyrometer.controller.render;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.store.ArtifactStore;
import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.flame.DiffOptions;
import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import dev.pyrometer.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a profile's artifact, rendering a missing view from the stored collapsed stacks or
 * recording on a worker thread and caching it on disk next to the uploads.
 */
public final class Renderings {
    private final ArtifactStore artifacts;
    private final WorkerExecutor worker;
    private final Map<String, Future<Path>> inFlight = new HashMap<>();

    public Renderings(ArtifactStore artifacts, WorkerExecutor worker) {
        this.artifacts = artifacts;
        this.worker = worker;
    }

    /** The file to serve for {@code name}; fails with 404 when neither it nor a source to render it exists. */
    public Future<Path> artifact(String profileId, String name) {
        return artifact(profileId, name, RenderOptions.defaults().withTitle(profileId));
    }

    /** As {@link #artifact(String, String)}, drawing a missing view with these titles. */
    public Future<Path> artifact(String profileId, String name, RenderOptions options) {
        String key = profileId + "/" + name;
        Future<Path> running = inFlight.get(key);
        if (running != null) {
            return running;
        }
        Future<Path> f = worker.executeBlocking(() -> findOrRender(profileId, name, options), false);
        inFlight.put(key, f);
        return f.onComplete(ar -> inFlight.remove(key));
    }

    /** Collapsed stacks of a profile, rendered from its recording when they were not uploaded. */
    public Future<Path> collapsed(String profileId) {
        return artifact(profileId, Protocol.COLLAPSED);
    }

    /**
     * Renders the differential flame graph of {@code base} against {@code next} (collapsed stacks
     * or recordings) as HTML into a temporary file; the caller serves it and calls {@link #discard}.
     */
    public Future<Path> diff(List<Path> base, List<Path> next) {
        return worker.executeBlocking(() -> {
            Path out = Files.createTempFile(artifacts.tmpDir(), "diff.", ".html");
            try {
                FlameGraphs.diff(base, next, out, DiffOptions.defaults());
                return out;
            } catch (CommandFailure e) {
                Files.deleteIfExists(out);
                throw new ApiException(422, null, "cannot compare these profiles: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
        }, false);
    }

    /** Deletes a temporary rendering once it has been sent. */
    public void discard(Path file) {
        worker.executeBlocking(() -> Files.deleteIfExists(file), false);
    }

    private Path findOrRender(String profileId, String name, RenderOptions options) throws IOException {
        Path stored = artifacts.path(profileId, name);
        if (Files.isRegularFile(stored)) {
            return stored;
        }
        if (name.equals(Protocol.RECORDING)) {
            throw ApiException.notFound(name + " of profile " + profileId + " has not been uploaded");
        }
        Path cached = artifacts.renderedPath(profileId, name);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Path source = artifacts.path(profileId, Protocol.COLLAPSED);
        if (!Files.isRegularFile(source)) {
            source = artifacts.path(profileId, Protocol.RECORDING);
        }
        if (!Files.isRegularFile(source)) {
            throw ApiException.notFound(name + " of profile " + profileId
                    + " is not available: neither collapsed stacks nor a recording have been uploaded");
        }
        Files.createDirectories(cached.getParent());
        String ext = name.equals(Protocol.COLLAPSED) ? ".collapsed" : name.substring(name.lastIndexOf('.'));
        Path out = Files.createTempFile(artifacts.tmpDir(), profileId + ".render.", ext);
        try {
            FlameGraphs.render(List.of(source), List.of(out), options);
            Files.move(out, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (CommandFailure e) {
            throw new ApiException(422, null, "cannot render " + name + " of profile " + profileId + ": "
                    + e.getMessage());
        } finally {
            Files.deleteIfExists(out);
        }
        return cached;
    }
}
