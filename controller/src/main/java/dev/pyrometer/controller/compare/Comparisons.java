package dev.pyrometer.controller.compare;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.render.Renderings;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.controller.store.ProfileQuery;
import dev.pyrometer.controller.store.ProfileRecord;
import dev.pyrometer.wire.ProfileStatus;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Release comparison: finds the done profiles of each release, fetches (or renders) their collapsed
 * stacks and compares them on a worker; the differential HTML is kept under {@code DATA/compare/}
 * by a key derived from the profiles compared, so the same comparison is drawn once.
 */
public final class Comparisons {
    /** Most recent profiles per side; more would hold too many trees in memory at once. */
    public static final int MAX_PER_SIDE = 100;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final MetadataStore store;
    private final Renderings renderings;
    private final WorkerExecutor worker;
    private final Path dir;

    public Comparisons(MetadataStore store, Renderings renderings, WorkerExecutor worker, Path dataDir) {
        this.store = store;
        this.renderings = renderings;
        this.worker = worker;
        this.dir = dataDir.resolve("compare");
    }

    public Future<ComparisonResult> compare(CompareRequest req) {
        Future<List<ProfileRecord>> base = side(req, req.base(), "base");
        Future<List<ProfileRecord>> neu = side(req, req.neu(), "new");
        return Future.all(base, neu).compose(v -> {
            List<ProfileRecord> b = base.result();
            List<ProfileRecord> n = neu.result();
            String key = key(req, b, n);
            return collapsed(b).compose(bp -> collapsed(n).compose(np -> worker.executeBlocking(() -> {
                Files.createDirectories(dir);
                return Comparison.run(bp, np, flamegraph(key), key,
                        req.app() + " " + req.base() + " → " + req.neu() + " (" + req.event() + ")");
            }, false)));
        });
    }

    /** The stored differential HTML of an earlier comparison; null for a malformed key. */
    public Path flamegraph(String key) {
        return KEY.matcher(key).matches() ? dir.resolve(key + ".html") : null;
    }

    /** Where comparisons are cached, for retention. */
    public Path directory() {
        return dir;
    }

    private Future<List<ProfileRecord>> side(CompareRequest req, String release, String field) {
        var q = new ProfileQuery(null, req.app(), release, req.event(), req.since(), req.until(), ProfileStatus.DONE,
                null, MAX_PER_SIDE);
        return store.profiles(q).map(list -> {
            if (list.isEmpty()) {
                throw new ApiException(404, field, field + ": no done " + req.event() + " profiles of "
                        + req.app() + " release '" + release + "' in that window");
            }
            return list;
        });
    }

    private Future<List<Path>> collapsed(List<ProfileRecord> profiles) {
        Future<List<Path>> all = Future.succeededFuture(new ArrayList<>());
        for (ProfileRecord p : profiles) {
            all = all.compose(list -> renderings.collapsed(p.id()).map(path -> {
                list.add(path);
                return list;
            }));
        }
        return all;
    }

    private static String key(CompareRequest req, List<ProfileRecord> base, List<ProfileRecord> neu) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((req.app() + "\n" + req.base() + "\n" + req.neu() + "\n" + req.event() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            base.stream().map(ProfileRecord::id).sorted().forEach(id -> md.update((id + ",").getBytes(StandardCharsets.UTF_8)));
            md.update((byte) '|');
            neu.stream().map(ProfileRecord::id).sorted().forEach(id -> md.update((id + ",").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
