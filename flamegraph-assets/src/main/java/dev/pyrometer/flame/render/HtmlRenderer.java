package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a canvas flame graph from {@code templates/flame.html}: each name once, ordered by use
 * so frequent names get short indices, and each frame as three or four base-45 numbers (see the
 * template's header for the encoding). No pruning unless a minimum width is asked for.
 */
public final class HtmlRenderer {
    /** Digits of the frame encoding; no quote, backslash or '<', so it sits in a JS string as is. */
    static final byte[] DIGITS = "#$%&'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"
            .getBytes(StandardCharsets.US_ASCII);
    static final int BASE = 45;
    /** Diff shares are written in these units of each side's total. */
    static final double DIFF_UNITS = 1e8;

    private static final Template TEMPLATE = Template.load("flame.html");

    private final Graph graph;
    private final FlameTree tree;
    private final FrameTable frames;
    private final long minTotal;
    private final int rootName;
    private int count;
    private int[] nameIndex;
    private int[] order;
    private long[] baseUnits;
    private long[] newUnits;
    /** Two zeroed arrays for the diff's units, or null. */
    private final long[][] room;

    /** Loads the template, if not yet done (class initialisation), so a later render need not wait for it. */
    public static void preload() {
        TEMPLATE.slots();
    }

    public HtmlRenderer(Graph graph) {
        this(graph, null);
    }

    /**
     * A renderer that quantises a diff's shares into {@code room}'s arrays when they are long
     * enough for the tree: zeroed ahead on an idle thread, they are not 26 MB of fresh heap
     * zeroed on the drawing's thread.
     */
    public HtmlRenderer(Graph graph, long[][] room) {
        this.room = room;
        this.graph = graph;
        this.tree = graph.tree();
        this.frames = tree.frames();
        this.minTotal = Layout.minTotal(tree, graph.options().minWidthPercent());
        this.rootName = frames.size();
    }

    public void render(OutputStream stream) throws IOException {
        indexNames();
        if (graph.diff() != null) {
            quantizeDiff();
        }
        ByteWriter out = new ByteWriter(stream);
        var options = graph.options();
        TEMPLATE.render(out, Map.of(
                "title", o -> o.write('"').js(options.title() == null ? "" : options.title()).write('"'),
                "subtitle", o -> o.write('"').js(options.subtitle() == null ? "" : options.subtitle()).write('"'),
                "diff", o -> o.text(graph.diff() != null ? "true" : "false"),
                "samples", o -> o.decimal(graph.diff() != null ? (long) DIFF_UNITS : tree.samples()),
                "count", o -> o.decimal(count),
                "names", this::names,
                "kinds", this::kinds,
                "frames", this::frames));
        out.flush();
    }

    private void indexNames() {
        int[] nameRank = tree.nameRank();
        long[] uses = new long[frames.size() + 1];
        if (minTotal <= 1) {
            count = countAll(uses);
        } else {
            int[] n = {0};
            Layout.walk(tree, minTotal, (node, depth, left) -> {
                int f = tree.frame(node);
                uses[f < 0 ? rootName : f]++;
                n[0]++;
            });
            count = n[0];
        }
        int used = 0;
        for (long u : uses) {
            if (u > 0) {
                used++;
            }
        }
        long[] keys = new long[used];
        int k = 0;
        for (int id = 0; id < uses.length; id++) {
            if (uses[id] > 0) {
                // most used first; among equals, in name order, so output does not depend on input order
                int rank = id == rootName ? 0 : nameRank[id] + 1;
                keys[k++] = ((long) (Integer.MAX_VALUE - (int) Math.min(uses[id], Integer.MAX_VALUE)) << 32) | rank;
            }
        }
        java.util.Arrays.sort(keys);
        int[] byRank = new int[uses.length];
        for (int id = 0; id < rootName; id++) {
            byRank[nameRank[id] + 1] = id;
        }
        byRank[0] = rootName;
        order = new int[used];
        nameIndex = new int[uses.length];
        for (int i = 0; i < used; i++) {
            order[i] = byRank[(int) keys[i]];
            nameIndex[order[i]] = i;
        }
    }

    /**
     * Uses of each name when nothing is pruned: then every node with samples is drawn (its
     * ancestors have samples too), so one pass over the arrays replaces a walk of the tree.
     */
    private int countAll(long[] uses) {
        uses[rootName]++;
        int drawn = 1;
        for (int node = 1, size = tree.size(); node < size; node++) {
            if (tree.total(node) != 0) {
                uses[tree.frame(node)]++;
                drawn++;
            }
        }
        return drawn;
    }

    private void quantizeDiff() {
        var diff = graph.diff();
        int size = tree.size();
        boolean fits = room != null && room[0].length >= size && room[1].length >= size;
        baseUnits = fits ? room[0] : new long[size];
        newUnits = fits ? room[1] : new long[size];
        for (int node = 0; node < size; node++) {
            baseUnits[node] = Math.round(diff.baseSelf()[node] * DIFF_UNITS);
            newUnits[node] = Math.round(diff.newSelf()[node] * DIFF_UNITS);
        }
        for (int node = size - 1; node > 0; node--) {
            baseUnits[tree.parent(node)] += baseUnits[node];
            newUnits[tree.parent(node)] += newUnits[node];
        }
    }

    private void names(ByteWriter out) throws IOException {
        out.write('[');
        byte[] pool = frames.pool();
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            int id = order[i];
            out.write('"');
            if (id == rootName) {
                out.text("all");
            } else {
                out.js(pool, frames.nameStart(id), frames.nameLength(id));
            }
            out.write('"');
        }
        out.write(']');
    }

    private void kinds(ByteWriter out) throws IOException {
        out.write('"');
        for (int id : order) {
            out.write('0' + (id == rootName ? 5 : frames.kind(id).ordinal()));
        }
        out.write('"');
    }

    private void frames(ByteWriter out) throws IOException {
        out.write('"');
        new FrameEncoder(tree, minTotal, nameIndex, rootName, baseUnits, newUnits).write(out, count);
        out.write('"');
    }
}
