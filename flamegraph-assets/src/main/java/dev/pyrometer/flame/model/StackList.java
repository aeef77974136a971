package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * The stacks of a collapsed file as rows of frame ids, turned into a tree numbered in pre-order
 * by sorting the rows. Why not look each frame up in a {@link FlameTree} as it is read: in a
 * 190 MB profile that is 4M lookups in a table of 1.5M nodes, a cache miss or two each, where
 * the table of its 30k names stays in cache; sorting the rows reads each about once per level it
 * shares with other rows, mostly from the cache lines read for the level above.
 */
final class StackList {
    /** The rows one after another: frame ids while reading, the names' ranks once sorting starts. */
    private int[] ids;
    private int size;
    /** Where the row being read starts in {@link #ids}. */
    private int rowStart;
    /** Row r is {@code ids[starts[r], starts[r + 1])}. */
    private int[] starts = new int[1024];
    private long[] counts = new long[1024];
    private int rows;
    private long samples;
    private int maxDepth;
    /** Frames past which {@link #full()} says to stop keeping rows. */
    private final long room;

    /** Room for about {@code expectedFrames} frames before the first growth, and for at most {@code maxBytes} of them. */
    StackList(long expectedFrames, long maxBytes) {
        room = Math.max(1024, maxBytes / Integer.BYTES);
        ids = new int[(int) Math.max(1024, Math.min(expectedFrames, room))];
    }

    /** Whether the rows hold as many frames as they have room for. */
    boolean full() {
        return size >= room;
    }

    /** Appends a frame to the row being read. */
    void push(int id) {
        // Short enough for C1 to inline into the parser's loop: the growth is a call of its own.
        if (size == ids.length) {
            grow();
        }
        ids[size++] = id;
    }

    private void grow() {
        if (size == Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("more than 2^31 frames in one line");
        }
        // Up to the room, past it only for the line being read.
        long cap = size < room ? Math.min(room, size + (size >> 1) + 16L) : size + (size >> 1) + 16L;
        ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 8, cap));
    }

    /** Forgets the frames of the row being read (a malformed line). */
    void dropRow() {
        size = rowStart;
    }

    /**
     * Ends the row being read with its sample count; a row of 0 samples is dropped. Throws
     * {@link ArithmeticException} when the samples add up to more than a long holds.
     */
    void endRow(long count) {
        if (count == 0) {
            size = rowStart;
            return;
        }
        samples = Math.addExact(samples, count);
        if (rows + 1 == starts.length) {
            starts = Arrays.copyOf(starts, rows * 2);
            counts = Arrays.copyOf(counts, rows * 2);
        }
        starts[rows] = rowStart;
        counts[rows] = count;
        rows++;
        maxDepth = Math.max(maxDepth, size - rowStart);
        rowStart = size;
    }

    /** Samples in every row ended so far. */
    long samples() {
        return samples;
    }

    /**
     * The tree of the rows, numbered in pre-order with siblings in name order, selves set and
     * totals not computed (see {@link FlameTree#sortedPreorder()}). The rows are used up.
     */
    FlameTree toTree(FrameTable frames) {
        size = rowStart;
        starts[rows] = size;
        int[] rank = frames.rankByName();
        int[] order = new int[rank.length];
        for (int id = 0; id < rank.length; id++) {
            order[rank[id]] = id;
        }
        for (int i = 0; i < size; i++) {
            ids[i] = rank[ids[i]];
        }
        int[] row = new int[rows];
        for (int r = 0; r < rows; r++) {
            row[r] = r;
        }
        new RowSort(ids, starts, row).run();
        // Each row adds the frames after the prefix it shares with the row before it.
        int[] shared = new int[rows];
        long nodes = 1;
        for (int k = 0; k < rows; k++) {
            shared[k] = k == 0 ? 0 : commonPrefix(row[k - 1], row[k]);
            nodes += starts[row[k] + 1] - starts[row[k]] - shared[k];
        }
        if (nodes > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("more than 2^31 nodes in one tree");
        }
        int n = (int) nodes;
        int[] parent = new int[n];
        int[] frame = new int[n];
        long[] self = new long[n];
        parent[0] = -1;
        frame[0] = -1;
        int[] path = new int[maxDepth + 1];
        path[0] = FlameTree.ROOT;
        int next = 1;
        for (int k = 0; k < rows; k++) {
            int r = row[k];
            int from = starts[r];
            int depth = starts[r + 1] - from;
            for (int d = shared[k]; d < depth; d++) {
                int v = next++;
                parent[v] = path[d];
                frame[v] = order[ids[from + d]];
                path[d + 1] = v;
            }
            self[path[depth]] += counts[r];
        }
        ids = null;
        FlameTree tree = FlameTree.ofArraysWithoutTotals(frames, parent, frame, self, n, true);
        tree.parsed(samples, maxDepth, rank);
        return tree;
    }

    private int commonPrefix(int a, int b) {
        int fa = starts[a];
        int fb = starts[b];
        int len = Math.min(starts[a + 1] - fa, starts[b + 1] - fb);
        int m = Arrays.mismatch(ids, fa, fa + len, ids, fb, fb + len);
        return m < 0 ? len : m;
    }
}
