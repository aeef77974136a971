package dev.pyrometer.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.TreeTransforms;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants that must hold for any input; checked on random stacks with fixed seeds. */
class TreePropertiesTest {

    static void assertConsistent(FlameTree tree) {
        tree.walk((node, depth) -> {
            long children = 0;
            for (int i = 0; i < tree.childCount(node); i++) {
                children += tree.total(tree.childAt(node, i));
            }
            assertEquals(tree.total(node), tree.self(node) + children, "total = self + children at node " + node);
            return true;
        });
    }

    static long sumOfCounts(String collapsed) {
        return collapsed.lines().filter(l -> !l.isBlank())
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void samplesConservedThroughParseMergeAndRewrite(long seed) throws IOException {
        String a = Stacks.random(seed, 2000, 30);
        String b = Stacks.random(seed + 100, 1500, 40);
        FlameTree ta = Stacks.parse(a);
        FlameTree tb = Stacks.parse(b);
        assertEquals(sumOfCounts(a), ta.samples());
        assertConsistent(ta);
        FlameTree merged = FlameGraphs.merge(List.of(ta, tb));
        assertEquals(ta.samples() + tb.samples(), merged.samples());
        assertConsistent(merged);
        FlameTree together = Stacks.parse(a + b);
        assertEquals(Stacks.render(together, OutputFormat.COLLAPSED, RenderOptions.defaults()),
                Stacks.render(merged, OutputFormat.COLLAPSED, RenderOptions.defaults()));
        String rewritten = Stacks.render(merged, OutputFormat.COLLAPSED, RenderOptions.defaults());
        assertEquals(merged.samples(), sumOfCounts(rewritten));
        FlameTree reversed = TreeTransforms.reverse(merged);
        assertEquals(merged.samples(), reversed.samples());
        assertConsistent(reversed);
        FlameTree filtered = FlameGraphs.prepare(merged, RenderOptions.defaults()
                .withFilters(Pattern.compile("C1[0-9]\\.m"), Pattern.compile("C2[0-9]\\.m3")));
        assertConsistent(filtered);
        assertTrue(filtered.samples() < merged.samples());
    }

    /** Each line's frames in the opposite order, count kept. */
    static String reverseLines(String collapsed) {
        StringBuilder sb = new StringBuilder();
        collapsed.lines().filter(l -> !l.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            List<String> frames = new java.util.ArrayList<>(List.of(line.substring(0, space).split(";")));
            java.util.Collections.reverse(frames);
            sb.append(String.join(";", frames)).append(line.substring(space)).append('\n');
        });
        return sb.toString();
    }

    /**
     * Reversing a tree is the same as parsing the stacks written backwards: same stacks and counts,
     * and node for node the same size (a reversal that created a node twice, or kept nodes no stack
     * reaches, would show here); reversing twice gives the input back.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void reversingEqualsParsingTheStacksBackwards(long seed) throws IOException {
        String text = Stacks.random(seed, 3000, 40) + Stacks.random(seed + 50, 200, 3) + "solo 7\n";
        FlameTree tree = Stacks.parse(text);
        FlameTree reversed = TreeTransforms.reverse(tree);
        FlameTree expected = Stacks.parse(reverseLines(text));
        assertEquals(expected.size(), reversed.size(), "nodes of the reversed tree");
        assertEquals(expected.maxDepth(), reversed.maxDepth());
        assertConsistent(reversed);
        assertEquals(Stacks.render(expected, OutputFormat.COLLAPSED, RenderOptions.defaults()),
                Stacks.render(reversed, OutputFormat.COLLAPSED, RenderOptions.defaults()));
        FlameTree twice = TreeTransforms.reverse(reversed);
        assertEquals(tree.size(), twice.size());
        assertEquals(Stacks.render(tree, OutputFormat.COLLAPSED, RenderOptions.defaults()),
                Stacks.render(twice, OutputFormat.COLLAPSED, RenderOptions.defaults()));
        // A reversed tree still takes new stacks (its child lookup is built on first use).
        TreeTransforms.mergeInto(twice, Stacks.parse("extra;frame 5\n"));
        assertEquals(tree.samples() + 5, twice.samples());
        assertConsistent(twice);
    }

    /**
     * A file above the split size is parsed as two halves on two threads and merged: the result
     * must be the tree of a one-thread parse (same stacks and counts, same node count), its totals
     * consistent, and a malformed line in the second half reported with its line number in the file.
     */
    @org.junit.jupiter.api.Test
    void splitReadEqualsOneThreadParse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (long seed = 40; sb.length() < 17 << 20; seed++) {
            sb.append(Stacks.random(seed, 4000, 45));
        }
        sb.append("zero;count 0\n").append("only;at;the;end 3\n");
        String text = sb.toString();
        java.nio.file.Path file = dir.resolve("big.collapsed");
        java.nio.file.Files.writeString(file, text);
        FlameTree split = dev.pyrometer.flame.model.Profiles.read(List.of(file), false).tree();
        FlameTree whole = Stacks.parse(text);
        assertEquals(sumOfCounts(text), split.samples());
        assertEquals(whole.size(), split.size(), "nodes of the merged halves");
        assertEquals(whole.maxDepth(), split.maxDepth());
        assertConsistent(split);
        assertEquals(Stacks.render(whole, OutputFormat.COLLAPSED, RenderOptions.defaults()),
                Stacks.render(split, OutputFormat.COLLAPSED, RenderOptions.defaults()));
        // The merged tree is numbered in pre-order and drawn by reading it in order, not by a walk.
        for (RenderOptions options : List.of(RenderOptions.defaults(), RenderOptions.defaults().withMinWidthPercent(0.5))) {
            for (OutputFormat format : List.of(OutputFormat.SVG, OutputFormat.HTML)) {
                assertEquals(Stacks.render(whole, format, options), Stacks.render(split, format, options), format + " " + options);
            }
        }
        // The merged tree still takes more stacks.
        TreeTransforms.mergeInto(split, Stacks.parse("extra;frame 5\n"));
        assertEquals(whole.samples() + 5, split.samples());
        assertConsistent(split);

        long lines = text.lines().count();
        java.nio.file.Files.writeString(file, text + "no count here\n");
        var failure = org.junit.jupiter.api.Assertions.assertThrows(dev.pyrometer.cli.CommandFailure.class,
                () -> dev.pyrometer.flame.model.Profiles.read(List.of(file), false));
        assertTrue(failure.getMessage().contains(file + ":" + (lines + 1) + ": "), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 2.0, 10.0})
    void pruningKeepsMassInTheParent(double minWidth) throws IOException {
        FlameTree tree = Stacks.parse(Stacks.random(7, 3000, 25));
        String svg = Stacks.render(tree, OutputFormat.SVG, RenderOptions.defaults().withMinWidthPercent(minWidth));
        // The root still spans everything and shows every sample.
        assertTrue(svg.contains("<title>all (" + String.format("%,d", tree.samples()) + " samples, 100%)"), "root keeps all samples");
        // Every drawn frame is at least the minimum width, and no frame is wider than the root.
        Matcher m = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"\\d+\" width=\"([0-9.]+)\" height=\"15\"").matcher(svg);
        int frames = 0;
        while (m.find()) {
            double w = Double.parseDouble(m.group(2));
            assertTrue(w <= 1180.0001, "frame wider than the graph");
            if (minWidth > 0) {
                assertTrue(w >= 1180 * minWidth / 100 - 0.01, "frame narrower than --minwidth: " + w);
            }
            frames++;
        }
        assertTrue(frames > 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void diffSharesSumToOneOnEachSideAndKeepBaseOnlyFrames(long seed) throws IOException {
        FlameTree base = Stacks.parse(Stacks.random(seed, 1000, 20) + "only;in;base 500\n");
        FlameTree neu = Stacks.parse(Stacks.random(seed + 1, 1200, 20));
        var result = FlameGraphs.diff(List.of(base), List.of(neu), DiffOptions.defaults());
        var shares = result.graph().diff();
        assertEquals(1.0, shares.baseTotal()[FlameTree.ROOT], 1e-9);
        assertEquals(1.0, shares.newTotal()[FlameTree.ROOT], 1e-9);
        FlameTree union = result.graph().tree();
        assertConsistent(union);
        double baseSelf = 0;
        double newSelf = 0;
        for (int node = 0; node < union.size(); node++) {
            baseSelf += shares.baseSelf()[node];
            newSelf += shares.newSelf()[node];
        }
        assertEquals(1.0, baseSelf, 1e-9);
        assertEquals(1.0, newSelf, 1e-9);
        assertEquals(base.samples(), shares.baseSamples());
        assertEquals(neu.samples(), shares.newSamples());
        String svg = render(result, OutputFormat.SVG);
        assertTrue(svg.contains("<g class=\"gone\"><title>base (base "), "base-only frame is drawn and marked");
    }

    /**
     * Two files are laid over one tree by a walk of both sorted trees; trees in memory by looking
     * each node up: the graphs must be the same, and the change report up to rounding.
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void diffOfTwoFilesEqualsDiffInMemory(long seed, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        String a = Stacks.random(seed, 1500, 30) + "only;in;base 500\n";
        String b = Stacks.random(seed + 1, 1800, 30) + "only;in;new 40\n";
        assertFileDiffEqualsDiffInMemory(a, b, dir);
    }

    /**
     * Trees that share only their root: the union has nearly as many nodes as both together,
     * more than the walk first makes room for, so its arrays grow on the way.
     */
    @ParameterizedTest
    @ValueSource(longs = {33})
    void diffOfDisjointFilesEqualsDiffInMemory(long seed, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        String a = Stacks.random(seed, 1500, 30);
        String b = Stacks.random(seed + 1, 1800, 30).lines().map(l -> "elsewhere;" + l + "\n")
                .collect(java.util.stream.Collectors.joining());
        assertFileDiffEqualsDiffInMemory(a, b, dir);
    }

    private static void assertFileDiffEqualsDiffInMemory(String a, String b, java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path fa = java.nio.file.Files.writeString(dir.resolve("a.collapsed"), a);
        java.nio.file.Path fb = java.nio.file.Files.writeString(dir.resolve("b.collapsed"), b);
        var expected = FlameGraphs.diff(List.of(Stacks.parse(a)), List.of(Stacks.parse(b)), DiffOptions.defaults());
        for (OutputFormat format : List.of(OutputFormat.HTML, OutputFormat.SVG)) {
            java.nio.file.Path out = dir.resolve("d." + format.name().toLowerCase(java.util.Locale.ROOT));
            List<Change> changes = FlameGraphs.diff(List.of(fa), List.of(fb), out, DiffOptions.defaults());
            assertEquals(render(expected, format), java.nio.file.Files.readString(out), format.name());
            // Totals are sums of doubles taken in node order, which differs between the two trees:
            // equal to the last few bits only.
            assertEquals(expected.changes().size(), changes.size());
            for (int i = 0; i < changes.size(); i++) {
                Change e = expected.changes().get(i);
                Change c = changes.get(i);
                assertEquals(e.frame(), c.frame());
                assertEquals(e.significant(), c.significant());
                assertEquals(e.baseSelfPct(), c.baseSelfPct(), 1e-9);
                assertEquals(e.newSelfPct(), c.newSelfPct(), 1e-9);
                assertEquals(e.baseTotalPct(), c.baseTotalPct(), 1e-9);
                assertEquals(e.newTotalPct(), c.newTotalPct(), 1e-9);
            }
        }
    }

    static String render(FlameGraphs.DiffResult result, OutputFormat format) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        FlameGraphs.writeDiff(result, format, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
