package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * The children of every node of a {@link FlameTree} with samples, ordered by name, as one flat list
 * with a start offset per node, and the pre-order walk over it.
 */
final class ChildIndex {
    private final int[] start;
    private final int[] list;
    /** The bound the lists were built with: only children of nodes with at least this total are listed. */
    private final long minParent;

    private ChildIndex(int[] start, int[] list, long minParent) {
        this.start = start;
        this.list = list;
        this.minParent = minParent;
    }

    /**
     * Lists the children of the nodes whose total is at least {@code minParent}. Why the bound: an SVG
     * draws about 17k of the 243k nodes of a javac profile, and listing and sorting only the children
     * of drawn nodes is most of the cost of drawing it. With {@code rank} null the nodes are already
     * numbered in pre-order with siblings in name order, so the lists need no sort.
     */
    static ChildIndex build(int[] parent, int[] frame, long[] total, int size, long minParent, int[] rank) {
        int[] start = new int[size + 1];
        for (int n = 1; n < size; n++) {
            if (total[n] != 0 && total[parent[n]] >= minParent) {
                start[parent[n] + 1]++;
            }
        }
        for (int n = 0; n < size; n++) {
            start[n + 1] += start[n];
        }
        int[] list = new int[start[size]];
        int[] fill = Arrays.copyOf(start, size);
        for (int n = 1; n < size; n++) {
            if (total[n] != 0 && total[parent[n]] >= minParent) {
                list[fill[parent[n]]++] = n;
            }
        }
        if (rank != null) {
            sortByRank(start, list, frame, rank, size);
        }
        return new ChildIndex(start, list, minParent);
    }

    /** Orders every child list by the names' rank, one sort of the names rather than comparing them per list. */
    private static void sortByRank(int[] start, int[] list, int[] frame, int[] rank, int size) {
        long[] keys = new long[16];
        for (int n = 0; n < size; n++) {
            int from = start[n];
            int count = start[n + 1] - from;
            if (count < 2) {
                continue;
            }
            if (keys.length < count) {
                keys = new long[Math.max(count, keys.length * 2)];
            }
            for (int i = 0; i < count; i++) {
                int child = list[from + i];
                keys[i] = (long) rank[frame[child]] << 32 | child;
            }
            Arrays.sort(keys, 0, count);
            for (int i = 0; i < count; i++) {
                list[from + i] = (int) keys[i];
            }
        }
    }

    /** Whether this index lists every child a walk down to totals of {@code minTotal} needs. */
    boolean covers(long minTotal) {
        return minParent <= minTotal;
    }

    int count(int node) {
        return start[node + 1] - start[node];
    }

    int at(int node, int i) {
        return list[start[node] + i];
    }

    /** Visits nodes in pre-order with an explicit stack, so recursion thousands deep is safe. */
    void walk(long[] total, FlameTree.Visitor visitor) {
        int[] stack = new int[64];
        int[] next = new int[64];
        int top = 0;
        stack[0] = FlameTree.ROOT;
        next[0] = 0;
        if (!visitor.enter(FlameTree.ROOT, 0)) {
            return;
        }
        while (top >= 0) {
            int node = stack[top];
            int i = next[top];
            if (i < start[node + 1] - start[node]) {
                next[top] = i + 1;
                int child = list[start[node] + i];
                if (visitor.enter(child, top + 1)) {
                    if (total[child] < minParent) {
                        throw new IllegalStateException("walk(" + minParent + ") entered a node of total " + total[child]);
                    }
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                        next = Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = child;
                    next[top] = 0;
                }
            } else {
                visitor.exit(node, top);
                top--;
            }
        }
    }
}
