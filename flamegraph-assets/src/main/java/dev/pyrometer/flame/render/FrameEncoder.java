package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * Writes the HTML template's frame string: every drawn frame in pre-order as base-45 numbers
 * (depth step, name index, then its width or both sides' widths). A large graph is encoded in
 * two parts on two threads, split between subtrees of the root, and the parts written in order.
 */
final class FrameEncoder {
    /** ceil(2^37 / 45): {@code (n * DIV_45) >>> 37 == n / 45} for {@code 0 <= n <= Integer.MAX_VALUE}. */
    private static final long DIV_45 = 3054198967L;

    /** Below this many frames a second thread costs more than it saves. */
    static final int PARALLEL_FRAMES = 200_000;

    private final FlameTree tree;
    private final long minTotal;
    private final int[] nameIndex;
    private final int rootName;
    private final long[] baseUnits;
    private final long[] newUnits;

    FrameEncoder(FlameTree tree, long minTotal, int[] nameIndex, int rootName, long[] baseUnits, long[] newUnits) {
        this.tree = tree;
        this.minTotal = minTotal;
        this.nameIndex = nameIndex;
        this.rootName = rootName;
        this.baseUnits = baseUnits;
        this.newUnits = newUnits;
    }

    /** Writes all {@code frames} drawn frames; the tree's child index must already be built. */
    void write(ByteWriter out, int frames) throws IOException {
        write(out, frames, PARALLEL_FRAMES);
    }

    /** {@link #write(ByteWriter, int)} in two parts from {@code parallelFrames} frames on. */
    void write(ByteWriter out, int frames, int parallelFrames) throws IOException {
        if (tree.sortedPreorder()) {
            writeInOrder(out, frames, parallelFrames);
            return;
        }
        int children = tree.childCount(FlameTree.ROOT);
        int split = frames >= parallelFrames && children > 1 ? balancedSplit(children) : children;
        if (split == children) {
            new Part(out).encode(0, children, true);
            return;
        }
        inTwoParts(out, w -> new Part(w).encode(0, split, true), w -> new Part(w).encode(split, children, false));
    }

    /**
     * The nodes of a tree numbered in pre-order are read in order: no child index, no walk. The
     * second part starts at a root child, about half of the drawn frames in.
     */
    private void writeInOrder(ByteWriter out, int frames, int parallelFrames) throws IOException {
        int size = tree.size();
        int[] depth = new int[size];
        int split = size;
        if (frames >= parallelFrames) {
            int drawn = 0;
            for (int node = 1; node < size; node++) {
                if (tree.total(node) >= minTotal) {
                    if (tree.parent(node) == FlameTree.ROOT && drawn >= frames / 2) {
                        split = node;
                        break;
                    }
                    drawn++;
                }
            }
        }
        InOrder first = new InOrder(depth, 0, Math.min(split, size));
        if (split >= size) {
            first.encode(out, -1);
            return;
        }
        // The second part starts after the last frame drawn before it, at that frame's depth.
        int last = split - 1;
        while (last > 0 && tree.total(last) < minTotal) {
            last--;
        }
        int before = 0;
        for (int n = last; n > 0; n = tree.parent(n)) {
            before++;
        }
        int prevDepth = before;
        InOrder second = new InOrder(depth, split, size);
        inTwoParts(out, w -> first.encode(w, -1), w -> second.encode(w, prevDepth));
    }

    /** Encodes nodes {@code [from, to)} of a tree in pre-order; depths are filled in as they are met. */
    private final class InOrder {
        private final int[] depth;
        private final int from;
        private final int to;
        private Part part;

        InOrder(int[] depth, int from, int to) {
            this.depth = depth;
            this.from = from;
            this.to = to;
        }

        void encode(ByteWriter w, int prevDepth) throws IOException {
            part = new Part(w);
            part.prev = prevDepth;
            for (int node = from; node < to; node++) {
                node(node);
            }
        }

        /** One node; a method so the JIT compiles it after a few hundred nodes, not tens of thousands. */
        private void node(int node) throws IOException {
            if (node == FlameTree.ROOT) {
                part.frame(FlameTree.ROOT, 0);
                return;
            }
            int d = depth[tree.parent(node)] + 1;
            depth[node] = d;
            if (tree.total(node) >= minTotal) {
                part.frame(node, d);
            }
        }
    }

    private interface PartWriter {
        void write(ByteWriter out) throws IOException;
    }

    /** Writes the first part here and the second on another thread into memory, then copies it after. */
    private void inTwoParts(ByteWriter out, PartWriter firstPart, PartWriter secondPart) throws IOException {
        ByteArrayOutputStream second = new ByteArrayOutputStream(1 << 20);
        Throwable[] failure = new Throwable[1];
        Thread helper = new Thread(() -> {
            try {
                ByteWriter w = new ByteWriter(second);
                secondPart.write(w);
                w.flush();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "frame-encoder");
        helper.setDaemon(true);
        helper.start();
        firstPart.write(out);
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the graph");
        }
        if (failure[0] instanceof IOException io) {
            throw io;
        } else if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        second.writeTo(new ByteWriterStream(out));
    }

    /** The first root child of the second part, so both parts hold about as many drawn frames. */
    private int balancedSplit(int children) {
        int[] drawn = new int[tree.size()];
        for (int node = tree.size() - 1; node > 0; node--) {
            if (tree.total(node) >= minTotal) {
                drawn[node]++;
                drawn[tree.parent(node)] += drawn[node];
            }
        }
        long half = drawn[FlameTree.ROOT] / 2;
        long sum = 0;
        for (int i = 0; i < children; i++) {
            sum += drawn[tree.childAt(FlameTree.ROOT, i)];
            if (sum >= half) {
                return Math.max(1, Math.min(i + 1, children - 1));
            }
        }
        return children - 1;
    }

    /** The drawn child of {@code node} drawn last, or -1. */
    private int lastDrawnChild(int node) {
        for (int i = tree.childCount(node) - 1; i >= 0; i--) {
            int child = tree.childAt(node, i);
            if (tree.total(child) >= minTotal) {
                return child;
            }
        }
        return -1;
    }

    /** Depth of the frame drawn just before root child {@code index}: the end of the subtrees before it. */
    private int depthBefore(int index) {
        for (int i = index - 1; i >= 0; i--) {
            int node = tree.childAt(FlameTree.ROOT, i);
            if (tree.total(node) >= minTotal) {
                int depth = 1;
                for (int c = lastDrawnChild(node); c >= 0; c = lastDrawnChild(c)) {
                    depth++;
                }
                return depth;
            }
        }
        return 0;
    }

    /** One part of the string, with its own scratch space, so two can be encoded at once. */
    private final class Part {
        private final ByteWriter out;
        private final byte[] tmp = new byte[16];
        private int[] stack = new int[64];
        private int[] next = new int[64];
        private int prev;

        Part(ByteWriter out) {
            this.out = out;
        }

        void encode(int fromChild, int toChild, boolean withRoot) throws IOException {
            if (withRoot) {
                prev = -1;
                frame(FlameTree.ROOT, 0);
            } else {
                prev = depthBefore(fromChild);
            }
            for (int i = fromChild; i < toChild; i++) {
                int child = tree.childAt(FlameTree.ROOT, i);
                if (tree.total(child) >= minTotal) {
                    subtree(child);
                }
            }
        }

        /** Pre-order with an explicit stack, so stacks thousands deep are safe. */
        private void subtree(int top) throws IOException {
            frame(top, 1);
            int sp = 0;
            stack[0] = top;
            next[0] = 0;
            while (sp >= 0) {
                int node = stack[sp];
                int i = next[sp];
                if (i == tree.childCount(node)) {
                    sp--;
                    continue;
                }
                next[sp] = i + 1;
                int child = tree.childAt(node, i);
                if (tree.total(child) < minTotal) {
                    continue;
                }
                frame(child, sp + 2);
                if (++sp == stack.length) {
                    stack = Arrays.copyOf(stack, sp * 2);
                    next = Arrays.copyOf(next, sp * 2);
                }
                stack[sp] = child;
                next[sp] = 0;
            }
        }

        private void frame(int node, int depth) throws IOException {
            int f = tree.frame(node);
            number(prev + 1 - depth);
            number(nameIndex[f < 0 ? rootName : f]);
            if (baseUnits != null) {
                number(baseUnits[node]);
                number(newUnits[node]);
            } else {
                number(tree.total(node));
            }
            prev = depth;
        }

        /** Base 45, most significant first; all digits but the last come from the upper half. */
        private void number(long v) throws IOException {
            byte[] digits = HtmlRenderer.DIGITS;
            int base = HtmlRenderer.BASE;
            if (v < base) {
                out.write(digits[(int) v]);
                return;
            }
            int i = tmp.length;
            if (v <= Integer.MAX_VALUE) {
                // Division by 45 as a multiply and a shift, exact for every non-negative int (checked
                // for all of them): C1 turns long division into a runtime call and int division into
                // a slow idiv, a third of the encoder's time on the 1.6M frames of a diff.
                long n = v;
                long q = (n * DIV_45) >>> 37;
                tmp[--i] = digits[(int) (n - q * base)];
                n = q;
                while (n > 0) {
                    q = (n * DIV_45) >>> 37;
                    tmp[--i] = digits[base + (int) (n - q * base)];
                    n = q;
                }
            } else {
                tmp[--i] = digits[(int) (v % base)];
                v /= base;
                while (v > 0) {
                    tmp[--i] = digits[base + (int) (v % base)];
                    v /= base;
                }
            }
            out.write(tmp, i, tmp.length - i);
        }
    }

    /** Lets {@link ByteArrayOutputStream#writeTo} copy into a ByteWriter's buffer. */
    private static final class ByteWriterStream extends java.io.OutputStream {
        private final ByteWriter out;

        ByteWriterStream(ByteWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
