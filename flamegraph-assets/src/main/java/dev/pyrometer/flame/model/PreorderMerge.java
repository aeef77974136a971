package dev.pyrometer.flame.model;

import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * Sums two trees into a new one numbered in pre-order with siblings in name order, by walking
 * both trees' sorted child lists side by side: no hash lookup per node, and the renderers' walks
 * then read the arrays front to back.
 */
final class PreorderMerge {
    private final FlameTree a;
    private final FlameTree b;
    private final int[] remap;
    private final int[] rank;

    private PreorderMerge(FlameTree a, FlameTree b) {
        this.a = a;
        this.b = b;
        this.remap = TreeTransforms.frameMap(a.frames(), b.frames());
        this.rank = a.frames().rankByName();
    }

    /**
     * The sum of {@code a} and {@code b} over {@code a}'s frame table (it gains {@code b}'s new
     * names). Both trees' lookup tables are dropped first: they are not read, and the heap holds
     * the two parsed halves and the merged tree at once.
     */
    static FlameTree merge(FlameTree a, FlameTree b) throws InterruptedIOException {
        a.dropLookup();
        b.dropLookup();
        PreorderMerge m = new PreorderMerge(a, b);
        int[][] bChildren = new int[1][];
        Throwable[] failure = new Throwable[1];
        // The two child lists are independent: B's is sorted on another core while A's is here.
        Thread other = new Thread(() -> {
            try {
                bChildren[0] = m.sortedChildren(m.b, m.remap);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "merge-index");
        other.setDaemon(true);
        other.start();
        int[] aChildren = m.sortedChildren(a, null);
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while merging the halves of a profile");
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
        return m.walk(aChildren, bChildren[0]);
    }

    /**
     * Every node's children ordered by name, in one array: {@code size + 1} offsets (children of
     * {@code n} are at {@code [start[n], start[n + 1])} after them), then the children.
     */
    private int[] sortedChildren(FlameTree t, int[] frameMap) {
        int n = t.size();
        int[] out = new int[n + 1 + n];
        // Counting sort by parent: counts at [p + 2], prefix sums, then [p + 1] is the fill pointer
        // of p and ends as the start of p + 1.
        int[] start = new int[n + 2];
        for (int v = 1; v < n; v++) {
            start[t.parent(v) + 2]++;
        }
        for (int i = 2; i < n + 2; i++) {
            start[i] += start[i - 1];
        }
        int base = n + 1;
        for (int v = 1; v < n; v++) {
            out[base + start[t.parent(v) + 1]++] = v;
        }
        System.arraycopy(start, 0, out, 0, n + 1);
        long[] keys = new long[16];
        for (int p = 0; p < n; p++) {
            int from = out[p];
            int count = out[p + 1] - from;
            if (count < 2) {
                continue;
            }
            if (keys.length < count) {
                keys = new long[Math.max(count, keys.length * 2)];
            }
            for (int i = 0; i < count; i++) {
                int child = out[base + from + i];
                int f = t.frame(child);
                keys[i] = (long) rank[frameMap == null ? f : frameMap[f]] << 32 | child;
            }
            Arrays.sort(keys, 0, count);
            for (int i = 0; i < count; i++) {
                out[base + from + i] = (int) keys[i];
            }
        }
        return out;
    }

    /** Depth-first over both trees at once, merging each pair of sorted child lists. */
    private FlameTree walk(int[] ac, int[] bc) {
        int aBase = a.size() + 1;
        int bBase = b.size() + 1;
        int cap = a.size() + b.size() - 1;
        int[] parent = new int[cap];
        int[] frame = new int[cap];
        long[] self = new long[cap];
        parent[0] = -1;
        frame[0] = -1;
        self[0] = a.self(FlameTree.ROOT) + b.self(FlameTree.ROOT);
        int size = 1;
        // Per level: the node of A and of B (-1 when absent), the merged node, and both list cursors and ends.
        int depthCap = 64;
        int[] su = new int[depthCap];
        int[] ia = new int[depthCap];
        int[] ea = new int[depthCap];
        int[] ib = new int[depthCap];
        int[] eb = new int[depthCap];
        int top = 0;
        su[0] = FlameTree.ROOT;
        ia[0] = ac[0];
        ea[0] = ac[1];
        ib[0] = bc[0];
        eb[0] = bc[1];
        while (top >= 0) {
            boolean hasA = ia[top] < ea[top];
            boolean hasB = ib[top] < eb[top];
            if (!hasA && !hasB) {
                top--;
                continue;
            }
            int x = hasA ? ac[aBase + ia[top]] : -1;
            int y = hasB ? bc[bBase + ib[top]] : -1;
            int fx = hasA ? a.frame(x) : -1;
            int fy = hasB ? remap[b.frame(y)] : -1;
            int rx = hasA ? rank[fx] : Integer.MAX_VALUE;
            int ry = hasB ? rank[fy] : Integer.MAX_VALUE;
            if (rx < ry) {
                y = -1;
            } else if (ry < rx) {
                x = -1;
            }
            int v = size++;
            parent[v] = su[top];
            frame[v] = x >= 0 ? fx : fy;
            self[v] = (x >= 0 ? a.self(x) : 0) + (y >= 0 ? b.self(y) : 0);
            if (x >= 0) {
                ia[top]++;
            }
            if (y >= 0) {
                ib[top]++;
            }
            if (++top == depthCap) {
                depthCap *= 2;
                su = Arrays.copyOf(su, depthCap);
                ia = Arrays.copyOf(ia, depthCap);
                ea = Arrays.copyOf(ea, depthCap);
                ib = Arrays.copyOf(ib, depthCap);
                eb = Arrays.copyOf(eb, depthCap);
            }
            su[top] = v;
            ia[top] = x >= 0 ? ac[x] : 0;
            ea[top] = x >= 0 ? ac[x + 1] : 0;
            ib[top] = y >= 0 ? bc[y] : 0;
            eb[top] = y >= 0 ? bc[y + 1] : 0;
        }
        return FlameTree.ofArrays(a.frames(), parent, frame, self, size, true);
    }
}
