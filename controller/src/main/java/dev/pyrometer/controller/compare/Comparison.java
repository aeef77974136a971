package dev.pyrometer.controller.compare;

import dev.pyrometer.flame.Change;
import dev.pyrometer.flame.DiffOptions;
import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.OutputFormat;
import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.GeneratedNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges two sets of collapsed-stack files (each normalised by its own total), ranks the changes,
 * judges them, and writes the differential flame graph; blocking, runs on a worker thread.
 */
final class Comparison {
    static final int TOP_CHANGES = 100;
    static final String REPLICATE_TEST = "welch-holm";
    static final String COUNT_TEST = "two-proportion-z-bonferroni";

    private Comparison() {
    }

    static ComparisonResult run(List<Path> base, List<Path> neu, Path html, String key, String title)
            throws IOException {
        List<FlameTree> baseTrees = read(base);
        List<FlameTree> newTrees = read(neu);
        DiffOptions options = DiffOptions.defaults().withTop(TOP_CHANGES)
                .withRender(DiffOptions.defaults().render().withTitle(title));
        FlameGraphs.DiffResult diff = FlameGraphs.diff(baseTrees, newTrees, options);
        if (!Files.isRegularFile(html)) {
            Path part = Files.createTempFile(html.getParent(), key, ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                FlameGraphs.writeDiff(diff, OutputFormat.HTML, out);
            }
            Files.move(part, html, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Change> changes = diff.changes();
        String test = COUNT_TEST;
        if (ReplicateSignificance.applies(baseTrees.size(), newTrees.size())) {
            test = REPLICATE_TEST;
            Set<String> significant = ReplicateSignificance.significantFrames(shares(baseTrees), shares(newTrees),
                    options.test());
            changes = changes.stream().map(c -> new Change(c.frame(), c.baseSelfPct(), c.newSelfPct(), c.deltaPct(),
                    c.baseTotalPct(), c.newTotalPct(), significant.contains(c.frame()))).toList();
        }
        return new ComparisonResult(baseTrees.size(), samples(baseTrees), newTrees.size(), samples(newTrees),
                changes, test, key);
    }

    private static List<FlameTree> read(List<Path> files) throws IOException {
        var trees = new ArrayList<FlameTree>(files.size());
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                // Per-profile shares are keyed by frame name: a lambda's name must be the same in every JVM.
                trees.add(GeneratedNames.normalized(FlameGraphs.parse(in, f.getFileName().toString(), true)));
            }
        }
        return trees;
    }

    private static List<Map<String, Double>> shares(List<FlameTree> trees) {
        return trees.stream().map(FrameShares::of).toList();
    }

    private static long samples(List<FlameTree> trees) {
        return trees.stream().mapToLong(FlameTree::samples).sum();
    }
}
