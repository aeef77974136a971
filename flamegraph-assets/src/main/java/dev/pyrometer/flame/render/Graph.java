package dev.pyrometer.flame.render;

import dev.pyrometer.flame.RenderOptions;
import dev.pyrometer.flame.model.FlameTree;

/**
 * What a renderer draws: a tree whose node totals are the widths, the options, and for a
 * differential graph the per-side shares of each node.
 */
public record Graph(FlameTree tree, RenderOptions options, DiffShares diff) {

    public static Graph of(FlameTree tree, RenderOptions options) {
        return new Graph(tree, options, null);
    }

    /** Self and total share (0..1 of each side's samples) of every node, for both sides of a diff. */
    public record DiffShares(double[] baseSelf, double[] newSelf, double[] baseTotal, double[] newTotal,
                             long baseSamples, long newSamples) {

        /** Change of the node's self share, new minus base, as a fraction of all samples. */
        public double selfDelta(int node) {
            return newSelf[node] - baseSelf[node];
        }
    }
}
