package dev.pyrometer.controller.store;

import dev.pyrometer.controller.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Artifact files under {@code DATA/artifacts/ID/NAME}. An upload streams into {@code DATA/tmp},
 * is checked against its digest, flushed to disk and then hard-linked into place, which fails
 * if the name is taken: the first complete upload wins and a retry is compared, never written over.
 */
public final class ArtifactStore {
    public static final long MAX_ARTIFACT_BYTES = 2L << 30;

    private final Vertx vertx;
    private final Path root;
    private final Path tmp;

    private ArtifactStore(Vertx vertx, Path root, Path tmp) {
        this.vertx = vertx;
        this.root = root;
        this.tmp = tmp;
    }

    /** Creates the directories and discards uploads a previous run left half-written; blocking. */
    public static ArtifactStore open(Vertx vertx, Path dataDir) throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("artifacts"));
        Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return new ArtifactStore(vertx, root, tmp);
    }

    /** Everything kept for one profile: uploads and renderings. */
    public Path profileDir(String profileId) {
        return root.resolve(profileId);
    }

    public Path path(String profileId, String name) {
        return root.resolve(profileId).resolve(name);
    }

    /** Where renderings made on demand are cached; never confused with uploads. */
    public Path renderedPath(String profileId, String name) {
        return root.resolve(profileId).resolve("rendered").resolve(name);
    }

    public Path tmpDir() {
        return tmp;
    }

    /** What happened to an upload whose body matched its digest. */
    public enum Outcome { CREATED, ALREADY_STORED }

    /** The result of a verified upload. */
    public record Stored(Outcome outcome, String sha256, long size) {
    }

    /** Streams the request body to disk and stores it under {@code profileId/name} once. */
    public Future<Stored> receive(HttpServerRequest req, String profileId, String name, String expectedSha256) {
        Path part = tmp.resolve(profileId + "." + name + "." + UUID.randomUUID() + ".part");
        req.pause();
        return vertx.fileSystem().open(part.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                .compose(file -> stream(req, file))
                .compose(received -> {
                    if (!received.sha256().equalsIgnoreCase(expectedSha256)) {
                        return Future.failedFuture(new ApiException(422, "body",
                                "SHA-256 of the body is " + received.sha256() + ", header said " + expectedSha256
                                        + "; nothing was stored, upload again"));
                    }
                    return vertx.executeBlocking(() -> publish(part, profileId, name, received), false);
                })
                .onFailure(e -> vertx.fileSystem().delete(part.toString()).otherwiseEmpty());
    }

    private record Received(String sha256, long size) {
    }

    private Future<Received> stream(HttpServerRequest req, AsyncFile file) {
        Promise<Received> done = Promise.promise();
        MessageDigest md = sha256();
        long[] size = {0};
        req.handler(buf -> {
            if (done.future().isComplete()) {
                return; // already failed; the rest of the body is dropped with the connection
            }
            size[0] += buf.length();
            if (size[0] > MAX_ARTIFACT_BYTES) {
                done.tryFail(new ApiException(413, "body", "artifact larger than " + MAX_ARTIFACT_BYTES + " bytes"));
                req.connection().close();
                return;
            }
            md.update(buf.getBytes());
            file.write(buf);
            if (file.writeQueueFull()) {
                req.pause();
                file.drainHandler(v -> req.resume());
            }
        });
        req.exceptionHandler(done::tryFail);
        file.exceptionHandler(done::tryFail);
        req.endHandler(v -> file.flush().onComplete(flushed -> {
            if (flushed.succeeded()) {
                done.tryComplete(new Received(HexFormat.of().formatHex(md.digest()), size[0]));
            } else {
                done.tryFail(flushed.cause());
            }
        }));
        req.resume();
        return done.future().eventually(file::close);
    }

    private Stored publish(Path part, String profileId, String name, Received received) throws IOException {
        Path target = path(profileId, name);
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, part);
        } catch (FileAlreadyExistsException e) {
            String existing = digestOf(target);
            Files.deleteIfExists(part);
            if (!existing.equalsIgnoreCase(received.sha256())) {
                throw new ApiException(409, "body", name + " of profile " + profileId
                        + " is already stored with SHA-256 " + existing + "; a stored artifact is never replaced");
            }
            return new Stored(Outcome.ALREADY_STORED, existing, Files.size(target));
        }
        Files.delete(part);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some filesystems cannot sync a directory; the link is still in place
        }
        return new Stored(Outcome.CREATED, received.sha256(), received.size());
    }

    /** Hex SHA-256 of a file; blocking. */
    public static String digestOf(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
