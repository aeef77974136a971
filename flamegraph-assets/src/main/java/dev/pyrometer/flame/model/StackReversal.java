package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * Turns every stack of a tree upside down (leaf first), building the new tree one level at a time.
 *
 * <p>Why by level: a reversed tree shares little (the leaves differ where the roots were shared), so
 * it has several times the nodes of the tree it comes from (7.8M from 2.9M for 200k synthetic
 * stacks). Grown node by node through {@link FlameTree#child} that is ~60 bytes a node and did not
 * fit a 512 MB heap. Here each stack keeps a cursor (the original ancestor still to place and the
 * reversed node it hangs under); a level needs only a small table of its own (parent, frame) pairs,
 * and the result is three exactly sized arrays, 24 bytes a node with the totals.
 */
final class StackReversal {
    private final FlameTree tree;
    /** Per stack (original node with samples of its own): the next original frame to place. */
    private int[] cursor;
    /** Per stack: the reversed node the next frame becomes a child of. */
    private int[] under;
    private int[] parent = new int[1024];
    private int[] frame = new int[1024];
    private int size = 1;
    private long[] levelKeys = new long[0];
    private int[] levelNodes = new int[0];

    private StackReversal(FlameTree tree) {
        this.tree = tree;
    }

    static FlameTree reverse(FlameTree tree) {
        return new StackReversal(tree).build();
    }

    private FlameTree build() {
        int stacks = 0;
        for (int node = 1; node < tree.size(); node++) {
            if (tree.self(node) > 0) {
                stacks++;
            }
        }
        cursor = new int[stacks];
        under = new int[stacks];
        int s = 0;
        for (int node = 1; node < tree.size(); node++) {
            if (tree.self(node) > 0) {
                cursor[s++] = node;
            }
        }
        parent[FlameTree.ROOT] = -1;
        frame[FlameTree.ROOT] = -1;
        // under[] starts at the root (0). A stack whose cursor passes the root is finished: its
        // last reversed node is where its samples go, and it leaves the active prefix.
        int[] order = new int[stacks];
        for (int i = 0; i < stacks; i++) {
            order[i] = i;
        }
        int active = stacks;
        int[] leafOf = new int[stacks];
        while (active > 0) {
            placeLevel(order, active);
            int kept = 0;
            for (int i = 0; i < active; i++) {
                int st = order[i];
                int next = tree.parent(cursor[st]);
                if (next == FlameTree.ROOT) {
                    leafOf[st] = under[st];
                } else {
                    cursor[st] = next;
                    order[kept++] = st;
                }
            }
            active = kept;
        }
        long[] self = new long[size];
        self[FlameTree.ROOT] = tree.self(FlameTree.ROOT);
        s = 0;
        for (int node = 1; node < tree.size(); node++) {
            if (tree.self(node) > 0) {
                self[leafOf[s++]] += tree.self(node);
            }
        }
        return FlameTree.ofArrays(tree.frames(), Arrays.copyOf(parent, size), Arrays.copyOf(frame, size), self);
    }

    /** Gives each active stack the reversed child for its cursor's frame, creating it when new. */
    private void placeLevel(int[] order, int active) {
        int capacity = Integer.highestOneBit(Math.max(active, 8) * 2 - 1) * 2;
        if (levelKeys.length < capacity) {
            levelKeys = new long[capacity];
            levelNodes = new int[capacity];
        } else {
            capacity = levelKeys.length;
            Arrays.fill(levelKeys, 0);
        }
        int mask = capacity - 1;
        for (int i = 0; i < active; i++) {
            int st = order[i];
            int p = under[st];
            int f = tree.frame(cursor[st]);
            long key = ((long) p << 32 | (f & 0xffffffffL)) + 1;
            int slot = mix(p, f) & mask;
            while (levelKeys[slot] != 0 && levelKeys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (levelKeys[slot] == 0) {
                levelKeys[slot] = key;
                levelNodes[slot] = add(p, f);
            }
            under[st] = levelNodes[slot];
        }
    }

    private int add(int p, int f) {
        if (size == parent.length) {
            int cap = size + (size >> 1);
            parent = Arrays.copyOf(parent, cap);
            frame = Arrays.copyOf(frame, cap);
        }
        parent[size] = p;
        frame[size] = f;
        return size++;
    }

    private static int mix(int p, int f) {
        int h = p * 0x9E3779B9 + f * 0x85EBCA6B;
        return h ^ (h >>> 16);
    }
}
