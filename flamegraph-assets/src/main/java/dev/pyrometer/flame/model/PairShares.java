package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * Both sides' per-node shares of a {@link PreorderMerge#union} and the union tree's widths and
 * totals in one forward pass and one reverse pass (pre-order numbering puts every child after its
 * parent). Both sides' share totals come later, from {@link #sideTotals}: only the ranking and the
 * SVG drawing read them, and the ranking runs on another thread. Each array is allocated once at
 * its final size, and every sum is taken in the same node order as separate passes took it, so
 * the doubles come out bit for bit the same.
 */
public final class PairShares {
    /** Nodes per call of a pass's body: C1 compiles a called method long before a loop run once. */
    private static final int BLOCK = 4096;

    private final long[] aSelf;
    private final long[] self;
    private final int[] parent;
    private final long baseSamples;
    private final long newSamples;
    private final double shapeUnits;
    private final long[] total;
    public final long[] newCount;
    public final double[] baseSelf;
    public final double[] newSelf;

    private PairShares(PreorderMerge.Union pair, long baseSamples, long newSamples, double shapeUnits, Room room) {
        FlameTree tree = pair.tree();
        int size = tree.size();
        aSelf = pair.aSelf();
        self = tree.selfArray();
        parent = tree.parentArray();
        this.baseSamples = baseSamples;
        this.newSamples = newSamples;
        this.shapeUnits = shapeUnits;
        // The tree's totals are as long as its other arrays: a node added later grows them all.
        boolean fits = room != null && room.total.length >= parent.length && room.newCount.length >= size;
        total = fits ? room.total : new long[parent.length];
        newCount = fits ? room.newCount : new long[size];
        baseSelf = fits ? room.baseSelf : new double[size];
        newSelf = fits ? room.newSelf : new double[size];
    }

    /**
     * Zeroed arrays for {@link #of} made ahead, on a thread that is idle while the union is walked:
     * zeroing 50 MB of fresh heap (page faults mostly) took 50 ms of the main thread. Used when
     * at least as long as the union's arrays, as {@link PreorderMerge#initialCapacity} makes them
     * unless the walk had to grow them. Arrays longer than the tree are read up to its size only.
     */
    public static final class Room {
        private final long[] total;
        private final long[] newCount;
        private final double[] baseSelf;
        private final double[] newSelf;

        public Room(int capacity) {
            total = new long[capacity];
            newCount = new long[capacity];
            baseSelf = new double[capacity];
            newSelf = new double[capacity];
        }
    }

    /**
     * Fills the shares of a union whose tree holds the sum of both sides as selves; the tree's
     * selves become the mean of both shares in {@code shapeUnits} and its totals are set.
     * {@code pair.aSelf()} stays the base side's counts. {@code room}, if not null, is used when
     * it fits.
     */
    public static PairShares of(PreorderMerge.Union pair, long baseSamples, long newSamples, double shapeUnits,
                                Room room) {
        PairShares s = new PairShares(pair, baseSamples, newSamples, shapeUnits, room);
        int size = pair.tree().size();
        for (int from = 0; from < size; from += BLOCK) {
            s.forward(from, Math.min(size, from + BLOCK));
        }
        for (int to = size; to > 1; to -= BLOCK) {
            s.reverse(Math.max(1, to - BLOCK), to);
        }
        pair.tree().setTotals(s.total);
        return s;
    }

    private void forward(int from, int to) {
        for (int node = from; node < to; node++) {
            long b = aSelf[node];
            long n = self[node] - b;
            newCount[node] = n;
            double bs = (double) b / baseSamples;
            double ns = (double) n / newSamples;
            baseSelf[node] = bs;
            newSelf[node] = ns;
            long width = Math.round((bs + ns) / 2 * shapeUnits);
            self[node] = width;
            total[node] = width;
        }
    }

    /** Adds the totals of nodes {@code to - 1} down to {@code from} (at least 1) into their parents'. */
    private void reverse(int from, int to) {
        for (int node = to - 1; node >= from; node--) {
            int p = parent[node];
            total[p] = Math.addExact(total[p], total[node]);
        }
    }

    /**
     * Each side's share totals, {@code [base, new]}: each node's self plus its descendants',
     * summed child by child from the last node back, in one pass for both sides.
     */
    public static double[][] sideTotals(FlameTree tree, double[] baseSelf, double[] newSelf) {
        int size = tree.size();
        Totals t = new Totals(tree.parentArray(), Arrays.copyOf(baseSelf, size), Arrays.copyOf(newSelf, size));
        for (int to = size; to > 1; to -= BLOCK) {
            t.reverse(Math.max(1, to - BLOCK), to);
        }
        return new double[][] {t.base, t.neu};
    }

    /** State of {@link #sideTotals}, whose pass body is a method of its own for the JIT. */
    private static final class Totals {
        private final int[] parent;
        final double[] base;
        final double[] neu;

        Totals(int[] parent, double[] base, double[] neu) {
            this.parent = parent;
            this.base = base;
            this.neu = neu;
        }

        void reverse(int from, int to) {
            for (int node = to - 1; node >= from; node--) {
                int p = parent[node];
                base[p] += base[node];
                neu[p] += neu[node];
            }
        }
    }
}
