package dev.pyrometer.flame.diff;

import dev.pyrometer.flame.Change;
import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameTable;
import dev.pyrometer.flame.model.PairShares;
import dev.pyrometer.flame.model.PreorderMerge;
import dev.pyrometer.flame.model.TreeTransforms;
import dev.pyrometer.flame.render.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base and new profiles laid over one union tree. Each input profile is normalised by its own
 * total and each side is the mean of its inputs, so a side sums to 1 however many hosts it
 * merges; raw sample counts are kept beside the shares for the significance test. Frames present
 * on one side only stay in the tree with a zero share on the other.
 */
public final class DiffModel {
    /** Shape units: the union tree's widths are the mean of both sides' shares in these units. */
    static final double SHAPE_UNITS = 1e12;

    private FlameTree union = new FlameTree(new FrameTable());
    private final Side base = new Side();
    private final Side neu = new Side();
    private int baseInputs;
    private int newInputs;
    /** The shares {@link #ofPair} computed with the widths, until a profile is added. */
    private PairShares pairShares;
    /** The shares with both sides' totals, once computed, until a profile is added. */
    private Graph.DiffShares ready;

    /**
     * A comparison of one base and one new profile laid over one tree by {@link PreorderMerge#union}
     * (base first). Each side must have samples.
     */
    public static DiffModel ofPair(PreorderMerge.Union pair, long baseSamples, long newSamples) {
        return ofPair(pair, baseSamples, newSamples, null);
    }

    /** {@link #ofPair(PreorderMerge.Union, long, long)} in arrays made ahead, when they fit. */
    public static DiffModel ofPair(PreorderMerge.Union pair, long baseSamples, long newSamples,
                                   PairShares.Room room) {
        DiffModel m = new DiffModel();
        PairShares s = PairShares.of(pair, baseSamples, newSamples, SHAPE_UNITS, room);
        m.union = pair.tree();
        m.base.self = s.baseSelf;
        m.base.count = pair.aSelf();
        m.neu.self = s.newSelf;
        m.neu.count = s.newCount;
        m.base.samples = baseSamples;
        m.neu.samples = newSamples;
        m.baseInputs = 1;
        m.newInputs = 1;
        // One input a side: the shares need no scaling, and the tree's widths and totals are set.
        m.pairShares = s;
        return m;
    }

    /**
     * Adds one base profile. The model takes the tree over (the first one becomes the union tree
     * and grows): the caller must not use it, nor another tree sharing its frame table, afterwards.
     */
    public void addBase(FlameTree profile) {
        add(profile, base);
        baseInputs++;
    }

    /** Adds one new profile; the model takes the tree over, as {@link #addBase} does. */
    public void addNew(FlameTree profile) {
        add(profile, neu);
        newInputs++;
    }

    private void add(FlameTree profile, Side side) {
        pairShares = null;
        ready = null;
        long samples = profile.samples();
        if (samples == 0) {
            return;
        }
        if (union.size() == 1) {
            // The first profile is the union so far: adopt it whole instead of copying node by node.
            union = profile;
            side.ensure(union.size());
            for (int node = 0; node < union.size(); node++) {
                side.self[node] = (double) profile.self(node) / samples;
                side.count[node] = profile.self(node);
            }
            side.samples += samples;
            return;
        }
        int[] remap = TreeTransforms.frameMap(union.frames(), profile.frames());
        int[] map = new int[profile.size()];
        side.ensure(union.size() + profile.size());
        side.self[FlameTree.ROOT] += (double) profile.self(FlameTree.ROOT) / samples;
        side.count[FlameTree.ROOT] += profile.self(FlameTree.ROOT);
        for (int node = 1; node < profile.size(); node++) {
            int u = union.child(map[profile.parent(node)], remap[profile.frame(node)]);
            map[node] = u;
            side.ensure(u + 1);
            side.self[u] += (double) profile.self(node) / samples;
            side.count[u] += profile.self(node);
        }
        side.samples += samples;
    }

    /** The union tree and both sides' shares, ready for a renderer. */
    public Graph.DiffShares shares() {
        if (ready != null) {
            return ready;
        }
        if (pairShares != null) {
            double[][] totals = PairShares.sideTotals(union, pairShares.baseSelf, pairShares.newSelf);
            ready = new Graph.DiffShares(pairShares.baseSelf, pairShares.newSelf, totals[0], totals[1],
                    base.samples, neu.samples);
            return ready;
        }
        int size = union.size();
        base.ensure(size);
        neu.ensure(size);
        double[] baseSelf = scaled(base.self, size, baseInputs);
        double[] newSelf = scaled(neu.self, size, newInputs);
        for (int node = 0; node < size; node++) {
            union.setSelf(node, Math.round((baseSelf[node] + newSelf[node]) / 2 * SHAPE_UNITS));
        }
        union.recomputeTotals();
        // Kept: the drawing and the ranking each ask for them, on two threads, and a second
        // computation would rewrite the tree under the drawing.
        ready = new Graph.DiffShares(baseSelf, newSelf, totals(baseSelf), totals(newSelf), base.samples, neu.samples);
        return ready;
    }

    /**
     * The shares an HTML drawing reads: without both sides' totals (null) when {@link #ofPair}
     * left them to be summed by {@link #shares()} on the ranking's thread; the tree's widths are set.
     */
    public Graph.DiffShares selfShares() {
        if (pairShares != null && ready == null) {
            return new Graph.DiffShares(pairShares.baseSelf, pairShares.newSelf, null, null,
                    base.samples, neu.samples);
        }
        return shares();
    }

    public FlameTree tree() {
        return union;
    }

    private static double[] scaled(double[] shares, int size, int inputs) {
        double[] out = Arrays.copyOf(shares, size);
        if (inputs > 1) {
            for (int i = 0; i < size; i++) {
                out[i] /= inputs;
            }
        }
        return out;
    }

    private double[] totals(double[] self) {
        double[] total = self.clone();
        for (int node = total.length - 1; node > 0; node--) {
            total[union.parent(node)] += total[node];
        }
        return total;
    }

    /**
     * Every frame name's change, all its tree nodes together (a recursive frame's total counts each
     * sample once), most regressed first, cut to the {@code top} largest by absolute self change.
     */
    public List<Change> changes(Graph.DiffShares shares, int top, Significance test) {
        FrameTable frames = union.frames();
        Map<String, Integer> byName = new HashMap<>();
        int[] key = new int[frames.size()];
        List<String> names = new ArrayList<>();
        for (int id = 0; id < key.length; id++) {
            key[id] = byName.computeIfAbsent(frames.name(id), n -> {
                names.add(n);
                return names.size() - 1;
            });
        }
        int k = names.size();
        double[] bSelf = new double[k];
        double[] nSelf = new double[k];
        double[] bTotal = new double[k];
        double[] nTotal = new double[k];
        long[] bCount = new long[k];
        long[] nCount = new long[k];
        int[] onPath = new int[k];
        union.walk(new FlameTree.Visitor() {
            @Override
            public boolean enter(int node, int depth) {
                if (node == FlameTree.ROOT) {
                    return true;
                }
                int f = key[union.frame(node)];
                bSelf[f] += shares.baseSelf()[node];
                nSelf[f] += shares.newSelf()[node];
                bCount[f] += base.count[node];
                nCount[f] += neu.count[node];
                if (onPath[f]++ == 0) {
                    bTotal[f] += shares.baseTotal()[node];
                    nTotal[f] += shares.newTotal()[node];
                }
                return true;
            }

            @Override
            public void exit(int node, int depth) {
                if (node != FlameTree.ROOT) {
                    onPath[key[union.frame(node)]]--;
                }
            }
        });
        int tested = 0;
        for (int f = 0; f < k; f++) {
            if (bCount[f] + nCount[f] > 0) {
                tested++;
            }
        }
        List<Change> all = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            if (bSelf[f] == 0 && nSelf[f] == 0 && bTotal[f] == 0 && nTotal[f] == 0) {
                continue;
            }
            boolean significant = test.significant(bCount[f], base.samples, nCount[f], neu.samples,
                    bSelf[f], nSelf[f], tested);
            all.add(new Change(names.get(f), 100 * bSelf[f], 100 * nSelf[f], 100 * (nSelf[f] - bSelf[f]),
                    100 * bTotal[f], 100 * nTotal[f], significant));
        }
        all.sort(Comparator.comparingDouble((Change c) -> -Math.abs(c.deltaPct())).thenComparing(Change::frame));
        List<Change> kept = new ArrayList<>(all.subList(0, Math.min(Math.max(top, 0), all.size())));
        kept.sort(Comparator.comparingDouble((Change c) -> -c.deltaPct()).thenComparing(Change::frame));
        return kept;
    }

    /** Per-node shares and raw counts of one side, growing with the union tree. */
    private static final class Side {
        double[] self = new double[1024];
        long[] count = new long[1024];
        long samples;

        void ensure(int size) {
            if (size > self.length) {
                int cap = Math.max(size, self.length + (self.length >> 1));
                self = Arrays.copyOf(self, cap);
                count = Arrays.copyOf(count, cap);
            }
        }
    }
}
