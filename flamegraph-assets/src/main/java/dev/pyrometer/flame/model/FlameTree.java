package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * A call tree of sample counts held in parallel arrays (one slot per node, no object per frame),
 * with children found through an open-addressing hash on (parent, name hash). Node 0 is the root;
 * a child always has a larger index than its parent.
 */
public final class FlameTree {
    public static final int ROOT = 0;

    private final FrameTable frames;
    private int size = 1;
    private int[] parent = new int[1024];
    private int[] frame = new int[1024];
    private long[] self = new long[1024];
    /**
     * Null while a parser fills the tree (it adds to selves only), allocated by
     * {@link #recomputeTotals()}: growing a long a node that nobody reads cost copies and fresh
     * pages in every parse.
     */
    private long[] total;
    /** The root's total while {@link #total} is null. */
    private long samplesWithoutTotals;
    /** Per node, the child a parser went to last, with that child's frame: frame << 32 | child. */
    private long[] lastChild = new long[1024];
    /**
     * Pairs side by side, one cache line per probe: key = (parent + 1) << 32 | the frame name's hash,
     * value = frame << 32 | node.
     */
    private long[] slots = new long[2 * 2048];
    private int mask = 2048 - 1;
    private int maxDepth;
    /** Whether {@link #maxDepth} must be found again from the totals. */
    private boolean maxDepthStale;
    /** Children by name, built when first asked for; null again once the tree changes. */
    private ChildIndex childIndex;
    private int[] nameRank;
    /** Whether nodes are numbered in pre-order with siblings in name order (see {@link #ofArrays(FrameTable, int[], int[], long[], int, boolean)}). */
    private boolean sortedPreorder;

    public FlameTree(FrameTable frames) {
        this.frames = frames;
        parent[ROOT] = -1;
        frame[ROOT] = -1;
    }

    /**
     * A tree over arrays already filled (a parent before its children, {@code self} set, totals
     * not), exactly sized and without the child lookup table: a tree built in bulk (a reversal)
     * costs 24 bytes a node, not the ~60 of one grown by {@link #child}. The table is built on the
     * first {@link #child} call.
     */
    static FlameTree ofArrays(FrameTable frames, int[] parent, int[] frame, long[] self) {
        return ofArrays(frames, parent, frame, self, parent.length, false);
    }

    /**
     * {@link #ofArrays(FrameTable, int[], int[], long[])} for the first {@code size} entries; with
     * {@code sortedPreorder}, the nodes are numbered in pre-order with siblings in name order, so
     * listing children needs no sort and a renderer may read the nodes in order instead of walking.
     */
    static FlameTree ofArrays(FrameTable frames, int[] parent, int[] frame, long[] self, int size,
                              boolean sortedPreorder) {
        FlameTree t = ofArraysWithoutTotals(frames, parent, frame, self, size, sortedPreorder);
        t.recomputeTotals();
        return t;
    }

    /** {@link #ofArrays(FrameTable, int[], int[], long[], int, boolean)} with every total 0 until {@link #recomputeTotals()}. */
    static FlameTree ofArraysWithoutTotals(FrameTable frames, int[] parent, int[] frame, long[] self, int size,
                                           boolean sortedPreorder) {
        FlameTree t = new FlameTree(frames);
        t.size = size;
        t.parent = parent;
        t.frame = frame;
        t.self = self;
        t.lastChild = null;
        t.slots = null;
        t.sortedPreorder = sortedPreorder;
        return t;
    }

    /**
     * What a parse knew of a tree built in bulk without totals: its samples, deepest stack and
     * the names' rank it sorted by, so none is found again.
     */
    void parsed(long samples, int maxDepth, int[] rank) {
        this.samplesWithoutTotals = samples;
        this.maxDepth = maxDepth;
        this.nameRank = rank;
    }

    /** Takes over the nodes of {@code other}, a tree over the same names, which must not be used afterwards. */
    void adopt(FlameTree other) {
        if (other.frames != frames) {
            throw new IllegalArgumentException("a tree can only adopt one over the same frame table");
        }
        size = other.size;
        parent = other.parent;
        frame = other.frame;
        self = other.self;
        total = other.total;
        samplesWithoutTotals = other.samplesWithoutTotals;
        lastChild = other.lastChild;
        slots = other.slots;
        mask = other.mask;
        maxDepth = other.maxDepth;
        maxDepthStale = other.maxDepthStale;
        sortedPreorder = other.sortedPreorder;
        childIndex = null;
    }

    /**
     * Whether the nodes are numbered in the order a walk visits them (pre-order, siblings in name
     * order), until a node is added: a renderer can then read them in order, without a child index.
     */
    public boolean sortedPreorder() {
        return sortedPreorder;
    }

    /** Drops the child lookup table and parser guesses (rebuilt when needed): memory for a merge. */
    void dropLookup() {
        slots = null;
        lastChild = null;
    }

    /** Builds the child lookup table and parser guesses when the tree has none, before parsing into it. */
    void ensureLookup() {
        if (slots == null) {
            buildLookup();
        }
    }

    /** An independent copy with its own copy of the names, node for node the same. */
    public FlameTree copy() {
        FlameTree c = new FlameTree(frames.copy());
        c.size = size;
        c.parent = Arrays.copyOf(parent, size);
        c.frame = Arrays.copyOf(frame, size);
        c.self = Arrays.copyOf(self, size);
        c.total = total == null ? null : Arrays.copyOf(total, size);
        c.samplesWithoutTotals = samplesWithoutTotals;
        c.lastChild = lastChild == null ? null : Arrays.copyOf(lastChild, size);
        c.slots = slots == null ? null : slots.clone();
        c.mask = mask;
        c.maxDepth = maxDepth;
        c.maxDepthStale = maxDepthStale;
        c.sortedPreorder = sortedPreorder;
        return c;
    }

    public FrameTable frames() {
        return frames;
    }

    public int size() {
        return size;
    }

    public int parent(int node) {
        return parent[node];
    }

    public int frame(int node) {
        return frame[node];
    }

    public long self(int node) {
        return self[node];
    }

    /** A node's total; before {@link #recomputeTotals()}, right for the root only (0 elsewhere). */
    public long total(int node) {
        if (total == null) {
            return node == ROOT ? samplesWithoutTotals : 0;
        }
        return total[node];
    }

    /** Samples in the whole tree. */
    public long samples() {
        return total == null ? samplesWithoutTotals : total[ROOT];
    }

    /** The child of {@code p} for frame {@code f}, created when missing. */
    public int child(int p, int f) {
        if (slots == null) {
            buildLookup();
        }
        int h = frames.tokenHash(f);
        long key = key(p, h);
        int slot = mix(p, h) & mask;
        while (true) {
            long k = slots[2 * slot];
            if (k == key && (int) (slots[2 * slot + 1] >>> 32) == f) {
                return (int) slots[2 * slot + 1];
            }
            if (k == 0) {
                return add(p, f, slot, key);
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The child of {@code p} for the token {@code buf[off, off+len)} whose {@link FrameTable#tokenHash}
     * is {@code h}, created (and the name interned) when missing; returns frame << 32 | child.
     * Why: keyed by the name's hash, an existing child is found with one probe of this table and a
     * check of the name's bytes, not a probe of the name table first and then of this one.
     */
    long childByName(int p, byte[] buf, int off, int len, int h) {
        if (slots == null) {
            buildLookup();
        }
        long key = key(p, h);
        int slot = mix(p, h) & mask;
        while (true) {
            long k = slots[2 * slot];
            if (k == key) {
                long value = slots[2 * slot + 1];
                int f = (int) (value >>> 32);
                if (frames.tokenLength(f) == len
                        && FrameTable.sameBytes(buf, off, frames.pool(), frames.nameStart(f), len)) {
                    return value;
                }
            } else if (k == 0) {
                int f = frames.intern(buf, off, len, h);
                return (long) f << 32 | add(p, f, slot, key);
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Never 0, the empty slot: the parent is stored plus one. */
    private static long key(int p, int h) {
        return (long) (p + 1) << 32 | (h & 0xffffffffL);
    }

    private static int mix(int p, int h) {
        int x = p * 0x9E3779B9 + h * 0x85EBCA6B;
        return x ^ (x >>> 16);
    }

    private int add(int p, int f, int slot, long key) {
        if (size == parent.length) {
            int cap = size + (size >> 1);
            parent = Arrays.copyOf(parent, cap);
            frame = Arrays.copyOf(frame, cap);
            self = Arrays.copyOf(self, cap);
            if (total != null) {
                total = Arrays.copyOf(total, cap);
            }
            lastChild = Arrays.copyOf(lastChild, cap);
        }
        int node = size++;
        sortedPreorder = false;
        parent[node] = p;
        frame[node] = f;
        slots[2 * slot] = key;
        slots[2 * slot + 1] = (long) f << 32 | node;
        childIndex = null;
        if (size > (mask + 1) / 4 * 3) {
            rehash((mask + 1) * 2);
        }
        return node;
    }

    /** The child lookup table and parser guesses of a tree made by {@link #ofArrays}. */
    private void buildLookup() {
        lastChild = new long[parent.length];
        int capacity = 2048;
        while (size > capacity / 4 * 3) {
            capacity *= 2;
        }
        slots = new long[2 * capacity];
        mask = capacity - 1;
        for (int node = 1; node < size; node++) {
            place(key(parent[node], frames.tokenHash(frame[node])), (long) frame[node] << 32 | node);
        }
    }

    /** Moves the table to {@code capacity} slots; the old slots hold everything a key needs, no name hash is looked up again. */
    private void rehash(int capacity) {
        long[] old = slots;
        slots = new long[2 * capacity];
        mask = capacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            long key = old[i];
            if (key != 0) {
                place(key, old[i + 1]);
            }
        }
    }

    private void place(long key, long value) {
        int slot = mix((int) (key >>> 32) - 1, (int) key) & mask;
        while (slots[2 * slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = value;
    }

    /**
     * Adds {@code count} samples to the self of {@code leaf}, a stack of {@code depth} frames, and to
     * the root's total only: the other totals are stale until {@link #recomputeTotals()}. A parser
     * uses this: updating every ancestor's total per line costs a cache miss per frame, one pass at
     * the end costs one per node.
     */
    public void addLeaf(int leaf, int depth, long count) {
        if (count == 0) {
            return;
        }
        // The root's running total still catches a sum past Long.MAX_VALUE at the line that causes it.
        if (total == null) {
            samplesWithoutTotals = Math.addExact(samplesWithoutTotals, count);
        } else {
            total[ROOT] = Math.addExact(total[ROOT], count);
        }
        self[leaf] += count;
        if (depth > maxDepth) {
            maxDepth = depth;
        }
    }

    /** Adds samples to one node's self and to the totals of it and its ancestors. */
    public void addSelf(int node, long count) {
        if (count == 0) {
            return;
        }
        if (total == null) {
            recomputeTotals();
        }
        self[node] += count;
        int depth = -1;
        for (int n = node; n >= 0; n = parent[n]) {
            total[n] = n == ROOT ? Math.addExact(total[n], count) : total[n] + count;
            depth++;
        }
        if (depth > maxDepth) {
            maxDepth = depth;
        }
    }

    /**
     * The child of {@code node} a parser used last, a cheap first guess: the child in the low 32
     * bits, its frame in the high 32 (0 when none). The frame rides along so checking the guess
     * does not read the frame array at a random place, a cache miss per frame of input.
     */
    public long lastChild(int node) {
        return lastChild[node];
    }

    /** Records the guess {@link #lastChild} returns; {@code frame} is {@code child}'s frame. */
    public void setLastChild(int node, int child, int frame) {
        lastChild[node] = (long) frame << 32 | child;
    }

    /** Sets a node's self samples; totals are stale until {@link #recomputeTotals()}. */
    public void setSelf(int node, long value) {
        self[node] = value;
    }

    /** The self array itself (at least {@link #size} long), for a pass that rewrites every node. */
    long[] selfArray() {
        return self;
    }

    /** The parent array itself (at least {@link #size} long). */
    int[] parentArray() {
        return parent;
    }

    /**
     * Installs totals computed elsewhere, as {@link #recomputeTotals()} would have: a diff sums them
     * in the same reverse pass as both sides' shares, not in a pass of its own.
     */
    void setTotals(long[] totals) {
        total = totals;
        maxDepthStale = true;
        childIndex = null;
    }

    /** Makes every total the sum of its self and its children's totals, in one pass over the arrays. */
    public void recomputeTotals() {
        if (total == null || total.length < size) {
            total = new long[parent.length];
        }
        System.arraycopy(self, 0, total, 0, size);
        for (int node = size - 1; node > 0; node--) {
            total[parent[node]] = Math.addExact(total[parent[node]], total[node]);
        }
        // Found again only if asked for: no renderer needs it, and it took a pass and an int a node.
        maxDepthStale = true;
        childIndex = null;
    }

    /** The deepest stack seen, in frames below the root. */
    public int maxDepth() {
        if (maxDepthStale) {
            int[] depth = new int[size];
            int max = 0;
            for (int node = 1; node < size; node++) {
                depth[node] = depth[parent[node]] + 1;
                if (total[node] != 0 && depth[node] > max) {
                    max = depth[node];
                }
            }
            maxDepth = max;
            maxDepthStale = false;
        }
        return maxDepth;
    }

    /** Children of {@code node} with samples, ordered by frame name; valid until the tree changes. */
    public int childCount(int node) {
        return index(1).count(node);
    }

    public int childAt(int node, int i) {
        return index(1).at(node, i);
    }

    /** The child lists of the nodes whose total is at least {@code minParent} (see {@link ChildIndex#build}). */
    private ChildIndex index(long minParent) {
        if (total == null) {
            recomputeTotals();
        }
        if (childIndex == null || !childIndex.covers(minParent)) {
            childIndex = ChildIndex.build(parent, frame, total, size, minParent, sortedPreorder ? null : nameRank());
        }
        return childIndex;
    }

    /**
     * Builds the child index of every node with samples and the names' rank now: readers on
     * several threads must find them built, as building them later would race.
     */
    public void buildIndex() {
        index(1);
        nameRank();
    }

    /** Each frame id's position in name order (the order siblings are drawn in). */
    public int[] nameRank() {
        if (nameRank == null || nameRank.length != frames.size()) {
            nameRank = frames.rankByName();
        }
        return nameRank;
    }

    /** Visits nodes in pre-order with an explicit stack, so recursion thousands deep is safe. */
    public void walk(Visitor visitor) {
        walk(1, visitor);
    }

    /**
     * {@link #walk(Visitor)} for a visitor that descends only into nodes whose total is at least
     * {@code minTotal}: the children of smaller nodes are never listed.
     */
    public void walk(long minTotal, Visitor visitor) {
        ChildIndex index = index(Math.max(1, minTotal));
        index.walk(total, visitor);
    }

    /** Receives nodes from {@link #walk}. */
    public interface Visitor {
        /** Returns whether to descend into the node's children ({@link #exit} is called only then). */
        boolean enter(int node, int depth);

        default void exit(int node, int depth) {
        }
    }
}
