package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * Sums two trees into a new one numbered in pre-order with siblings in name order, by walking
 * both trees' sorted child lists side by side: no hash lookup per node, and the renderers' walks
 * then read the arrays front to back.
 */
public final class PreorderMerge {
    private PreorderMerge() {
    }

    /**
     * One tree with every node's children sorted by name, made by {@link #sort} on the thread that
     * parsed it, so both halves of a file are sorted at once, one per core.
     */
    public static final class Sorted {
        private final FlameTree tree;
        /** Frame ids in name order. */
        final int[] order;
        /** The children of node n are {@code kids[start[n], start[n + 1])}, each rank << 32 | child. */
        final int[] start;
        final long[] kids;

        private Sorted(FlameTree tree, int[] order, int[] start, long[] kids) {
            this.tree = tree;
            this.order = order;
            this.start = start;
            this.kids = kids;
        }

        public FlameTree tree() {
            return tree;
        }
    }

    /**
     * Sorts the children of every node of {@code t} by the names' rank in its own table: the order
     * is the same as by rank in any table holding these names, so it can be done before the two
     * tables are joined. The tree's lookup table is dropped: the merged tree is a new one, and
     * the heap then holds two parsed halves and it at once.
     */
    public static Sorted sort(FlameTree t) {
        t.dropLookup();
        int[] rank = t.nameRank();
        int[] order = new int[rank.length];
        for (int id = 0; id < rank.length; id++) {
            order[rank[id]] = id;
        }
        int n = t.size();
        // Counting sort by parent: counts at [p + 2], prefix sums, then [p + 1] is the fill pointer
        // of p and ends as the start of p + 1.
        int[] start = new int[n + 2];
        for (int v = 1; v < n; v++) {
            start[t.parent(v) + 2]++;
        }
        for (int i = 2; i < n + 2; i++) {
            start[i] += start[i - 1];
        }
        long[] kids = new long[Math.max(0, n - 1)];
        for (int v = 1; v < n; v++) {
            kids[start[t.parent(v) + 1]++] = (long) rank[t.frame(v)] << 32 | v;
        }
        // A tree in pre-order with siblings in name order lists each node's children in order already.
        if (!t.sortedPreorder()) {
            for (int p = 0; p < n; p++) {
                if (start[p + 1] - start[p] > 1) {
                    Arrays.sort(kids, start[p], start[p + 1]);
                }
            }
        }
        return new Sorted(t, order, Arrays.copyOf(start, n + 1), kids);
    }

    /** The room the union's arrays start with: the larger tree's nodes and an eighth more, at most both trees'. */
    public static int initialCapacity(Sorted a, Sorted b) {
        int larger = Math.max(a.tree.size(), b.tree.size());
        return (int) Math.min(a.tree.size() + b.tree.size() - 1L, larger + (larger >> 3) + 16L);
    }

    /** The sum of both trees over {@code a}'s frame table, which gains {@code b}'s new names. */
    static FlameTree merge(Sorted a, Sorted b) {
        return walk(a, b, false).tree();
    }

    /**
     * Both trees over one set of nodes, for a comparison: the tree holds the sum of both as selves,
     * its totals not yet computed, and {@code aSelf} each node's self samples in {@code a} alone
     * ({@code b}'s are the difference).
     */
    public record Union(FlameTree tree, long[] aSelf) {
    }

    /** {@link #merge}, keeping each node's samples from {@code a} apart. */
    public static Union union(Sorted a, Sorted b) {
        return walk(a, b, true);
    }

    private static Union walk(Sorted a, Sorted b, boolean keepA) {
        FrameTable frames = a.tree.frames();
        int[] remap = TreeTransforms.frameMap(frames, b.tree.frames());
        // Both name orders merged into one: each side's rank mapped to the rank in the joined table.
        int[] aRank = new int[a.order.length];
        int[] bRank = new int[b.order.length];
        int i = 0;
        int j = 0;
        int r = 0;
        while (i < a.order.length || j < b.order.length) {
            int c;
            if (i == a.order.length) {
                c = 1;
            } else if (j == b.order.length) {
                c = -1;
            } else {
                int x = a.order[i];
                int y = remap[b.order[j]];
                c = x == y ? 0 : frames.compare(x, y);
            }
            if (c <= 0) {
                aRank[i++] = r;
            }
            if (c >= 0) {
                bRank[j++] = r;
            }
            r++;
        }
        // Depth-first over both trees at once, merging each pair of sorted child lists.
        Walk w = new Walk(a, b, aRank, bRank, remap, keepA);
        while (w.steps(256)) {
            // each step adds one node or closes one
        }
        // A comparison sets selves of its own and then computes the totals: not twice.
        FlameTree tree = keepA ? FlameTree.ofArraysWithoutTotals(frames, w.parent, w.frame, w.self, w.size, true)
                : FlameTree.ofArrays(frames, w.parent, w.frame, w.self, w.size, true);
        return new Union(tree, w.aSelf);
    }

    /**
     * The walk's state, one step per call. Why not a plain loop: the JIT compiles a method after a
     * few hundred calls, a loop run once only after tens of thousands of iterations, which the
     * interpreter ran at a tenth of the speed.
     */
    private static final class Walk {
        private final FlameTree a;
        private final FlameTree b;
        private final int[] as;
        private final int[] bs;
        private final long[] ak;
        private final long[] bk;
        private final int[] aOrder;
        private final int[] bOrder;
        private final int[] aRank;
        private final int[] bRank;
        private final int[] remap;
        int[] parent;
        int[] frame;
        long[] self;
        /** Each node's self samples from A alone, when kept. */
        long[] aSelf;
        /** The most nodes the union can have: every node of B's apart from its root is new. */
        private final int most;
        int size = 1;
        // Per level: the merged node, and the cursor and end in each tree's child list (empty when
        // the node is in one tree only).
        private int[] su = new int[64];
        private int[] ia = new int[64];
        private int[] ea = new int[64];
        private int[] ib = new int[64];
        private int[] eb = new int[64];
        private int top;

        Walk(Sorted sa, Sorted sb, int[] aRank, int[] bRank, int[] remap, boolean keepA) {
            a = sa.tree;
            b = sb.tree;
            as = sa.start;
            bs = sb.start;
            ak = sa.kids;
            bk = sb.kids;
            aOrder = sa.order;
            bOrder = sb.order;
            this.aRank = aRank;
            this.bRank = bRank;
            this.remap = remap;
            most = a.size() + b.size() - 1;
            // Two profiles of one program share most of their nodes (two 190 MB ones: 1.476M and
            // 1.476M nodes, 1.488M together): arrays sized for the worst case were half empty, and
            // zeroing 35 MB that is never used took longer than the rare growth below.
            int cap = initialCapacity(sa, sb);
            parent = new int[cap];
            frame = new int[cap];
            self = new long[cap];
            aSelf = keepA ? new long[cap] : null;
            if (keepA) {
                aSelf[0] = a.self(FlameTree.ROOT);
            }
            parent[0] = -1;
            frame[0] = -1;
            self[0] = a.self(FlameTree.ROOT) + b.self(FlameTree.ROOT);
            su[0] = FlameTree.ROOT;
            ia[0] = as[0];
            ea[0] = as[1];
            ib[0] = bs[0];
            eb[0] = bs[1];
        }

        /** Up to {@code n} steps; false once the walk is done. A compiled caller of {@link #step} sooner than this loop's caller is. */
        boolean steps(int n) {
            for (int i = 0; i < n; i++) {
                if (!step()) {
                    return false;
                }
            }
            return true;
        }

        /** Half as much room again, up to the most nodes the union can have. */
        private void grow() {
            int cap = (int) Math.min(most, parent.length + (parent.length >> 1) + 16L);
            parent = Arrays.copyOf(parent, cap);
            frame = Arrays.copyOf(frame, cap);
            self = Arrays.copyOf(self, cap);
            if (aSelf != null) {
                aSelf = Arrays.copyOf(aSelf, cap);
            }
        }

        private boolean step() {
            int t = top;
            boolean hasA = ia[t] < ea[t];
            boolean hasB = ib[t] < eb[t];
            if (!hasA && !hasB) {
                return --top >= 0;
            }
            long ka = hasA ? ak[ia[t]] : 0;
            long kb = hasB ? bk[ib[t]] : 0;
            int rx = hasA ? aRank[(int) (ka >>> 32)] : Integer.MAX_VALUE;
            int ry = hasB ? bRank[(int) (kb >>> 32)] : Integer.MAX_VALUE;
            int x = rx <= ry ? (int) ka : -1;
            int y = ry <= rx ? (int) kb : -1;
            if (size == parent.length) {
                grow();
            }
            int v = size++;
            parent[v] = su[t];
            long s = 0;
            if (x >= 0) {
                frame[v] = aOrder[(int) (ka >>> 32)];
                s = a.self(x);
                if (aSelf != null) {
                    aSelf[v] = s;
                }
                ia[t]++;
            } else {
                frame[v] = remap[bOrder[(int) (kb >>> 32)]];
            }
            if (y >= 0) {
                s += b.self(y);
                ib[t]++;
            }
            self[v] = s;
            if (++t == su.length) {
                su = Arrays.copyOf(su, t * 2);
                ia = Arrays.copyOf(ia, t * 2);
                ea = Arrays.copyOf(ea, t * 2);
                ib = Arrays.copyOf(ib, t * 2);
                eb = Arrays.copyOf(eb, t * 2);
            }
            top = t;
            su[t] = v;
            ia[t] = x >= 0 ? as[x] : 0;
            ea[t] = x >= 0 ? as[x + 1] : 0;
            ib[t] = y >= 0 ? bs[y] : 0;
            eb[t] = y >= 0 ? bs[y + 1] : 0;
            return true;
        }
    }
}
