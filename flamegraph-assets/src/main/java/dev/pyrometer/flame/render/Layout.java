package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;

/**
 * Walks the frames a renderer draws, in pre-order, with each frame's left offset in samples.
 * Frames below the minimum width are skipped with their subtree; their samples stay in the
 * parent's width, so nothing is lost and siblings keep their places.
 */
final class Layout {
    private Layout() {
    }

    interface FrameSink {
        void frame(int node, int depth, long left) throws Exception;
    }

    /** The smallest total drawn, for a minimum width given as a percentage of all samples. */
    static long minTotal(FlameTree tree, double minWidthPercent) {
        if (minWidthPercent <= 0) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil(tree.samples() * minWidthPercent / 100.0));
    }

    static void walk(FlameTree tree, long minTotal, FrameSink sink) {
        long[][] next = {new long[64]};
        tree.walk((node, depth) -> {
            if (depth + 1 >= next[0].length) {
                next[0] = java.util.Arrays.copyOf(next[0], next[0].length * 2);
            }
            long left = next[0][depth];
            long total = tree.total(node);
            next[0][depth] = left + total;
            if (total < minTotal && node != FlameTree.ROOT) {
                return false;
            }
            next[0][depth + 1] = left;
            try {
                sink.frame(node, depth, left);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new LayoutException(e);
            }
            return true;
        });
    }

    /** Carries a writer's checked exception out of the tree walk. */
    static final class LayoutException extends RuntimeException {
        LayoutException(Exception cause) {
            super(cause);
        }
    }
}
