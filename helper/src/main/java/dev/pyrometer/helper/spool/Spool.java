package dev.pyrometer.helper.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The helper's bounded on-disk store of profiles not yet fully handed to the controller: one
 * directory per profile. When it grows past its limit the oldest finished profiles are dropped first,
 * each with a warning; a profile leaves it once every artifact is acknowledged and its end reported.
 */
public final class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class.getName());
    /** Profile ids become directory names: nothing that could climb out of the spool. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final long maxBytes;
    private final Map<String, SpooledProfile> held = new ConcurrentHashMap<>();

    private Spool(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** Opens (creating it when missing) the spool at {@code root} and loads what an earlier run left. */
    public static Spool open(Path root, long maxBytes) {
        var spool = new Spool(root, maxBytes);
        try {
            Files.createDirectories(root);
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    try {
                        SpooledProfile p = SpooledProfile.load(dir);
                        spool.held.put(p.id(), p);
                    } catch (IOException | RuntimeException e) {
                        LOG.warning("dropping unreadable spool entry " + dir + ": " + e.getMessage());
                        deleteTree(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use spool directory " + root + ": " + e.getMessage()
                    + "; pass --spool DIR with a writable directory", e);
        }
        return spool;
    }

    public static boolean safeId(String profileId) {
        return profileId != null && SAFE_ID.matcher(profileId).matches();
    }

    /** A new entry for a profile about to be recorded. */
    public SpooledProfile create(String profileId, long pid) {
        if (!safeId(profileId)) {
            throw new IllegalArgumentException("profile id '" + profileId + "' is not 1-128 of A-Z a-z 0-9 . _ -");
        }
        Path dir = root.resolve(profileId);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        SpooledProfile p = SpooledProfile.create(dir, profileId, pid);
        held.put(profileId, p);
        return p;
    }

    /** Every profile held, oldest first. */
    public List<SpooledProfile> held() {
        List<SpooledProfile> list = new ArrayList<>(held.values());
        list.sort(Comparator.comparingLong(SpooledProfile::created).thenComparing(SpooledProfile::id));
        return list;
    }

    public void remove(SpooledProfile p) {
        held.remove(p.id(), p);
        try {
            deleteTree(p.dir());
        } catch (IOException e) {
            LOG.warning("cannot remove " + p.dir() + " from the spool: " + e.getMessage());
        }
    }

    /**
     * Drops the oldest finished profiles, except {@code keep}, until the spool fits its limit; a profile
     * still being recorded is never dropped.
     */
    public void enforceLimit(SpooledProfile keep) {
        long total = held().stream().mapToLong(SpooledProfile::diskBytes).sum();
        for (SpooledProfile p : held()) {
            if (total <= maxBytes) {
                return;
            }
            if (p == keep || !p.state().terminal() && p.artifacts().isEmpty()) {
                continue;
            }
            long size = p.diskBytes();
            LOG.warning("spool over its limit (" + total + " > " + maxBytes + " bytes): dropping profile " + p.id()
                    + " (" + size + " bytes, never fully uploaded); raise --spool-max-bytes or check the controller");
            remove(p);
            total -= size;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
