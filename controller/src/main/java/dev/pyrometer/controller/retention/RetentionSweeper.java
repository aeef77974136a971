package dev.pyrometer.controller.retention;

import dev.pyrometer.controller.jobs.Job;
import dev.pyrometer.controller.store.ArtifactStore;
import dev.pyrometer.controller.store.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Enforces the global policy and each job's own limits every {@link RetentionPolicy#sweepEvery()}:
 * SQL on the store's worker, file deletion on a worker, nothing on the event loop but the
 * chaining. Cached comparisons older than a day go too. One sweep at a time.
 */
public final class RetentionSweeper {
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());
    static final int BATCH = 1000;
    static final Duration COMPARISON_KEPT = Duration.ofDays(1);

    private final Vertx vertx;
    private final RetentionStore sql;
    private final ArtifactStore artifacts;
    private final Path comparisons;
    private final RetentionPolicy policy;
    private final Supplier<List<Job>> jobs;
    private long timer = -1;
    private boolean sweeping;

    public RetentionSweeper(Vertx vertx, MetadataStore store, ArtifactStore artifacts, Path comparisons,
                            RetentionPolicy policy, Supplier<List<Job>> jobs) {
        this.vertx = vertx;
        this.sql = new RetentionStore(store);
        this.artifacts = artifacts;
        this.comparisons = comparisons;
        this.policy = policy;
        this.jobs = jobs;
    }

    /** Finishes deletions a crash interrupted, then sweeps periodically. */
    public Future<Void> start() {
        return sql.init().compose(v -> sql.tombstones()).compose(this::removeFiles).map(v -> {
            timer = vertx.setPeriodic(policy.sweepEvery().toMillis(), id -> sweep());
            return null;
        });
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One pass; completes with how many profiles were deleted. */
    public Future<Integer> sweep() {
        if (sweeping) {
            return Future.succeededFuture(0);
        }
        sweeping = true;
        Set<String> doomed = new LinkedHashSet<>();
        Future<Void> chosen = choose(policy.maxAge(), policy.maxBytes(), null, doomed);
        for (Job j : jobs.get()) {
            chosen = chosen.compose(v -> choose(j.spec().keepForDuration(), j.spec().keepBytes(), j.id(), doomed));
        }
        return chosen.compose(v -> delete(List.copyOf(doomed)))
                .compose(n -> dropOldComparisons().map(n))
                .onFailure(e -> LOG.warning(() -> "retention sweep failed: " + e))
                .eventually(() -> {
                    sweeping = false;
                    return Future.succeededFuture();
                });
    }

    private Future<Void> choose(Duration maxAge, Long maxBytes, String job, Set<String> doomed) {
        Future<Void> f = Future.succeededFuture();
        if (maxAge != null) {
            f = sql.olderThan(Instant.now().minus(maxAge), job, BATCH).map(ids -> {
                doomed.addAll(ids);
                return null;
            });
        }
        if (maxBytes != null) {
            f = f.compose(v -> sql.beyondBytes(maxBytes, job)).map(ids -> {
                doomed.addAll(ids);
                return null;
            });
        }
        return f;
    }

    private Future<Integer> delete(List<String> ids) {
        Future<Void> f = Future.succeededFuture();
        for (String id : ids) {
            f = f.compose(v -> sql.forget(id)).compose(v -> removeFiles(List.of(id)));
        }
        if (!ids.isEmpty()) {
            LOG.info(() -> "retention deleted " + ids.size() + " profiles");
        }
        return f.map(ids.size());
    }

    private Future<Void> removeFiles(List<String> ids) {
        Future<Void> f = Future.succeededFuture();
        for (String id : ids) {
            f = f.compose(v -> vertx.executeBlocking(() -> {
                deleteTree(artifacts.profileDir(id));
                return null;
            }, false)).compose(v -> sql.bury(id));
        }
        return f;
    }

    private Future<Void> dropOldComparisons() {
        return vertx.executeBlocking(() -> {
            if (!Files.isDirectory(comparisons)) {
                return null;
            }
            Instant cutoff = Instant.now().minus(COMPARISON_KEPT);
            try (Stream<Path> files = Files.list(comparisons)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return null;
        }, false);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
