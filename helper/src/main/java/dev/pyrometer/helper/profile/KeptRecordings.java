package dev.pyrometer.helper.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recordings a {@code profile} without a {@code .jfr} output keeps in
 * {@code $PYROMETER_HOME/recordings}, so any view can be rendered again later. Bounded, or a cron job
 * profiling every few minutes fills the disk: after each new recording the oldest go first, past
 * {@link #MAX_FILES} files or {@link #MAX_BYTES} bytes together. The recording just written always stays.
 */
final class KeptRecordings {
    static final int MAX_FILES = 100;
    static final long MAX_BYTES = 2L << 30;

    private KeptRecordings() {
    }

    /** A recording in the directory, as listed. */
    record Kept(Path path, long bytes, long modifiedMillis) {
    }

    /** Deletes the oldest recordings of {@code dir} beyond the limits, never {@code keep}; returns how many went. */
    static int prune(Path dir, Path keep, int maxFiles, long maxBytes) throws IOException {
        List<Kept> kept = list(dir);
        kept.sort(Comparator.comparingLong(Kept::modifiedMillis).reversed()
                .thenComparing(k -> k.path().getFileName().toString(), Comparator.reverseOrder()));
        // The recording just written counts first, whatever its time stamp says (a clock set back).
        int files = 0;
        long bytes = 0;
        for (Kept k : kept) {
            if (k.path().equals(keep)) {
                files++;
                bytes += k.bytes();
            }
        }
        int removed = 0;
        for (Kept k : kept) {
            if (k.path().equals(keep)) {
                continue;
            }
            if (files < maxFiles && bytes + k.bytes() <= maxBytes) {
                files++;
                bytes += k.bytes();
                continue;
            }
            // a concurrent run may have removed it already: that is the same outcome
            if (Files.deleteIfExists(k.path())) {
                removed++;
            }
        }
        return removed;
    }

    static int prune(Path dir, Path keep) throws IOException {
        return prune(dir, keep, MAX_FILES, MAX_BYTES);
    }

    /** Finished recordings only: a {@code .part} file is another run's recording being written. */
    private static List<Kept> list(Path dir) throws IOException {
        List<Kept> kept = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().endsWith(".jfr")) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        kept.add(new Kept(p, a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (IOException e) {
                    // gone between the listing and the look: nothing to prune
                }
            }
        }
        return kept;
    }
}
