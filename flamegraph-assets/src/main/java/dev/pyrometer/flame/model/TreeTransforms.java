package dev.pyrometer.flame.model;

import java.util.regex.Pattern;

/** Whole-tree operations that build a new tree: merge, filter by frame regex, reverse stacks. */
public final class TreeTransforms {
    private TreeTransforms() {
    }

    /** Adds every sample of {@code from} into {@code into}, interning names into {@code into}'s table. */
    public static void mergeInto(FlameTree into, FlameTree from) {
        int[] map = new int[from.size()];
        int[] remap = frameMap(into.frames(), from.frames());
        map[FlameTree.ROOT] = FlameTree.ROOT;
        from.walk((node, depth) -> {
            if (node != FlameTree.ROOT) {
                map[node] = into.child(map[from.parent(node)], remap[from.frame(node)]);
                into.addSelf(map[node], from.self(node));
            } else {
                into.addSelf(FlameTree.ROOT, from.self(node));
            }
            return true;
        });
    }

    /** For each frame id of {@code from}, the id of the same token in {@code into}. */
    public static int[] frameMap(FrameTable into, FrameTable from) {
        int[] remap = new int[from.size()];
        for (int id = 0; id < remap.length; id++) {
            if (into == from) {
                remap[id] = id;
            } else {
                int start = from.nameStart(id);
                int len = from.tokenLength(id);
                remap[id] = into.intern(from.pool(), start, len, FrameTable.tokenHash(from.pool(), start, len));
            }
        }
        return remap;
    }

    /**
     * Keeps the stacks that have a frame matching {@code include} (when given) and none matching
     * {@code exclude} (when given). Each regex runs once per distinct name, never per line.
     */
    public static FlameTree filter(FlameTree tree, Pattern include, Pattern exclude) {
        if (include == null && exclude == null) {
            return tree;
        }
        FrameTable frames = tree.frames();
        byte[] inc = matches(frames, include);
        byte[] exc = matches(frames, exclude);
        FlameTree out = new FlameTree(frames);
        int[] map = new int[tree.size()];
        boolean[] included = new boolean[tree.size()];
        boolean[] excluded = new boolean[tree.size()];
        tree.walk((node, depth) -> {
            if (node == FlameTree.ROOT) {
                included[node] = include == null;
                if (tree.self(node) > 0 && included[node]) {
                    out.addSelf(FlameTree.ROOT, tree.self(node));
                }
                return true;
            }
            int p = tree.parent(node);
            int f = tree.frame(node);
            included[node] = included[p] || inc != null && inc[f] == 1;
            excluded[node] = excluded[p] || exc != null && exc[f] == 1;
            if (excluded[node]) {
                return false;
            }
            map[node] = out.child(map[p], f);
            if (included[node]) {
                out.addSelf(map[node], tree.self(node));
            }
            return true;
        });
        return out;
    }

    private static byte[] matches(FrameTable frames, Pattern pattern) {
        if (pattern == null) {
            return null;
        }
        byte[] result = new byte[frames.size()];
        for (int id = 0; id < result.length; id++) {
            result[id] = (byte) (pattern.matcher(frames.name(id)).find() ? 1 : 0);
        }
        return result;
    }

    /** Turns every stack upside down (leaf first), so callers of hot methods are merged. */
    public static FlameTree reverse(FlameTree tree) {
        return StackReversal.reverse(tree);
    }
}
