package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;
import java.util.Arrays;

/**
 * The frames a renderer draws, in pre-order, with each frame's depth and left offset in samples.
 * Frames below the minimum width are skipped with their subtree; their samples stay in the
 * parent's width, so nothing is lost and siblings keep their places.
 */
final class Layout {
    private Layout() {
    }

    interface FrameSink {
        void frame(int node, int depth, long left) throws Exception;
    }

    /** Drawn frames in pre-order, as parallel arrays of {@code count} entries. */
    record Frames(int count, int[] node, int[] depth, long[] left, int maxDepth) {
    }

    /** The smallest total drawn, for a minimum width given as a percentage of all samples. */
    static long minTotal(FlameTree tree, double minWidthPercent) {
        if (minWidthPercent <= 0) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil(tree.samples() * minWidthPercent / 100.0));
    }

    /**
     * Every drawn frame, collected in one walk. Why arrays: a writer that needs the depth or the
     * kinds before the first frame (the SVG's height and legend) reads them here instead of
     * walking the tree twice.
     */
    static Frames frames(FlameTree tree, long minTotal) {
        Collector c = new Collector(tree, minTotal);
        if (tree.sortedPreorder()) {
            // Nodes already in walk order: read them in order, no child index to build.
            c.inOrder();
        } else {
            tree.walk(minTotal, c);
        }
        return new Frames(c.count, c.node, c.depth, c.left, c.maxDepth);
    }

    static void walk(FlameTree tree, long minTotal, FrameSink sink) {
        Frames f = frames(tree, minTotal);
        try {
            for (int i = 0; i < f.count(); i++) {
                sink.frame(f.node()[i], f.depth()[i], f.left()[i]);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LayoutException(e);
        }
    }

    private static final class Collector implements FlameTree.Visitor {
        private final FlameTree tree;
        private final long minTotal;
        private long[] next = new long[64];
        int count;
        int[] node = new int[1024];
        int[] depth = new int[1024];
        long[] left = new long[1024];
        int maxDepth;
        /** For {@link #inOrder}: per node its depth (-1 when not drawn) and where its next child starts. */
        private int[] nodeDepth;
        private long[] nextLeft;

        Collector(FlameTree tree, long minTotal) {
            this.tree = tree;
            this.minTotal = minTotal;
        }

        /** Every node of a tree numbered in pre-order, with each node's depth and next child's left kept per node. */
        void inOrder() {
            int size = tree.size();
            nodeDepth = new int[size];
            nextLeft = new long[size];
            add(FlameTree.ROOT, 0, 0);
            for (int n = 1; n < size; n++) {
                node(n);
            }
        }

        /** One node of {@link #inOrder}; a method so the JIT compiles it early (see SvgRenderer#frame). */
        private void node(int n) {
            int p = tree.parent(n);
            if (nodeDepth[p] < 0) {
                // in a subtree left out
                nodeDepth[n] = -1;
                return;
            }
            long total = tree.total(n);
            long l = nextLeft[p];
            // A frame left out still takes its width, so its siblings keep their places.
            nextLeft[p] = l + total;
            if (total < minTotal) {
                nodeDepth[n] = -1;
                return;
            }
            nextLeft[n] = l;
            int d = nodeDepth[p] + 1;
            nodeDepth[n] = d;
            add(n, d, l);
        }

        @Override
        public boolean enter(int n, int d) {
            if (d + 1 >= next.length) {
                next = Arrays.copyOf(next, next.length * 2);
            }
            long l = next[d];
            long total = tree.total(n);
            next[d] = l + total;
            if (total < minTotal && n != FlameTree.ROOT) {
                return false;
            }
            next[d + 1] = l;
            add(n, d, l);
            return true;
        }

        private void add(int n, int d, long l) {
            if (count == node.length) {
                node = Arrays.copyOf(node, count * 2);
                depth = Arrays.copyOf(depth, count * 2);
                left = Arrays.copyOf(left, count * 2);
            }
            node[count] = n;
            depth[count] = d;
            left[count] = l;
            count++;
            if (d > maxDepth) {
                maxDepth = d;
            }
        }
    }

    /** Carries a writer's checked exception out of the tree walk. */
    static final class LayoutException extends RuntimeException {
        LayoutException(Exception cause) {
            super(cause);
        }
    }
}
