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
        tree.walk(minTotal, c);
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

        Collector(FlameTree tree, long minTotal) {
            this.tree = tree;
            this.minTotal = minTotal;
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
            return true;
        }
    }

    /** Carries a writer's checked exception out of the tree walk. */
    static final class LayoutException extends RuntimeException {
        LayoutException(Exception cause) {
            super(cause);
        }
    }
}
