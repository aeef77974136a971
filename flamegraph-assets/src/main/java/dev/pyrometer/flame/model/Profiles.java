package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads profile files into trees: {@code .jfr} recordings, anything else collapsed stacks. */
public final class Profiles {
    private Profiles() {
    }

    /** What reading produced: the tree, how many stacks it had and what lenient mode skipped. */
    public record Loaded(FlameTree tree, long stacks, long skipped, String firstProblem) {
    }

    /** Reads and sums every input into one new tree, a large file on two threads. */
    public static Loaded read(List<Path> inputs, boolean lenient) throws IOException {
        return read(inputs, lenient, new FrameTable(), true);
    }

    /**
     * Reads and sums every input into one new tree whose names live in {@code frames}. With
     * {@code splitLarge}, a large collapsed file is parsed as two halves on two threads; callers that
     * already read several files at once pass false, as the halves' merge then costs more than it saves.
     */
    public static Loaded read(List<Path> inputs, boolean lenient, FrameTable frames, boolean splitLarge)
            throws IOException {
        FlameTree tree = new FlameTree(frames);
        CollapsedParser parser = new CollapsedParser(tree, lenient);
        long stacks = 0;
        long skipped = 0;
        String firstProblem = null;
        for (Path input : inputs) {
            if (input.getFileName() != null && input.getFileName().toString().endsWith(".jfr")) {
                checkReadable(input);
                JfrInput.read(input, parser);
            } else {
                checkReadable(input);
                Loaded second = readCollapsed(input, parser, splitLarge);
                if (second != null) {
                    stacks += second.stacks();
                    skipped += second.skipped();
                    if (firstProblem == null && parser.firstProblem() == null) {
                        firstProblem = second.firstProblem();
                    }
                }
            }
        }
        if (parser.firstProblem() != null) {
            firstProblem = parser.firstProblem();
        }
        return new Loaded(tree, parser.stacks() + stacks, parser.skipped() + skipped, firstProblem);
    }

    /** Files at least this large are read as two halves in parallel, then merged. */
    static final long SPLIT_BYTES = 16L << 20;

    /**
     * Reads a collapsed file into the parser's tree. A large file's second half is parsed on
     * another thread into its own tree and merged in; what that half counted is returned.
     */
    private static Loaded readCollapsed(Path input, CollapsedParser parser, boolean splitLarge) throws IOException {
        try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ)) {
            long size = channel.size();
            boolean worthIt = splitLarge && size >= SPLIT_BYTES && roomForTwoTrees(channel, size);
            long split = worthIt ? lineStartAfter(channel, size / 2) : -1;
            if (split <= 0 || split >= size) {
                parser.parse(Channels.newInputStream(channel), input.toString());
                return null;
            }
            FlameTree half = new FlameTree(new FrameTable());
            CollapsedParser halfParser = new CollapsedParser(half, parser.lenient(), true);
            Throwable[] halfFailure = new Throwable[1];
            PreorderMerge.Sorted[] sortedHalf = new PreorderMerge.Sorted[1];
            Thread reader = new Thread(() -> {
                try {
                    halfParser.parseSelf(new Slice(channel, split, size), input.toString());
                    if (!halfParser.failed()) {
                        sortedHalf[0] = PreorderMerge.sort(half);
                    }
                } catch (Throwable t) {
                    halfFailure[0] = t;
                }
            }, "collapsed-reader");
            reader.setDaemon(true);
            reader.start();
            PreorderMerge.Sorted sortedFirst;
            try {
                parser.parseSelf(new Slice(channel, 0, split), input.toString());
                sortedFirst = PreorderMerge.sort(parser.tree());
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + input);
            } finally {
                if (reader.isAlive()) {
                    reader.interrupt();
                }
            }
            if (halfFailure[0] instanceof IOException io) {
                throw io;
            } else if (halfFailure[0] instanceof RuntimeException runtime) {
                throw runtime;
            } else if (halfFailure[0] != null) {
                throw new IllegalStateException(halfFailure[0]);
            }
            halfParser.lineOffset(parser.lines());
            if (halfParser.failed()) {
                throw CommandFailure.input(halfParser.firstProblem() + LineProblems.EXPECTED);
            }
            parser.tree().adopt(PreorderMerge.merge(sortedFirst, sortedHalf[0]));
            return new Loaded(half, halfParser.stacks(), halfParser.skipped(), halfParser.firstProblem());
        } catch (NoSuchFileException e) {
            throw CommandFailure.input(input + ": no such file");
        }
    }

    /** Heap a tree node may take at most while it is built (arrays grown by half, table at 3/8 load). */
    private static final long BYTES_PER_NODE = 96;

    /**
     * Whether the heap holds the two trees of a split read at once. A tree's size follows its
     * frames, not its bytes: short names (tens of millions of frames in 50 MB) need the heap to be
     * 4x the file, long Java names (4M frames in 190 MB) far less. The frames are estimated from the
     * first megabyte; even with every frame its own node the two trees then fit.
     */
    private static boolean roomForTwoTrees(FileChannel channel, long size) throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap >= 4 * size) {
            return true;
        }
        ByteBuffer head = ByteBuffer.allocate(1 << 20);
        int n = channel.read(head, 0);
        if (n <= 0) {
            return false;
        }
        long separators = 0;
        for (int i = 0; i < n; i++) {
            byte b = head.get(i);
            if (b == ';' || b == '\n') {
                separators++;
            }
        }
        long frames = separators * (size / n + 1);
        return frames * BYTES_PER_NODE <= heap;
    }

    /** The offset just after the first newline at or after {@code from}, or -1. */
    private static long lineStartAfter(FileChannel channel, long from) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = from;
        while (true) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
    }

    /** Bytes {@code [from, to)} of a file, read with positional reads so two slices can share the channel. */
    private static final class Slice extends InputStream {
        private final FileChannel channel;
        private long pos;
        private final long end;

        Slice(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }

    /**
     * Reads one collapsed file for {@link PreorderMerge#sort} and a merge: the nodes' totals are
     * left at 0 (the root's, the sample count, is kept), as the merged tree computes its own. A
     * {@code .jfr} recording is read as by {@link #read}.
     */
    public static Loaded readWithoutTotals(Path input, boolean lenient) throws IOException {
        if (input.getFileName() != null && input.getFileName().toString().endsWith(".jfr")) {
            return read(List.of(input), lenient, new FrameTable(), false);
        }
        checkReadable(input);
        try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ)) {
            // Java frames take about 47 bytes each (4.04M in a 190 MB profile): room for a few more
            // than that, as growing copies the rows. Past it the rows grow, up to 1/16 of the heap
            // a side (two sides are read at once).
            CollapsedParser parser = new CollapsedParser(new FrameTable(), channel.size() / 40,
                    Runtime.getRuntime().maxMemory() / 16, lenient);
            parser.parseSelf(Channels.newInputStream(channel), input.toString());
            return new Loaded(parser.sortedTree(), parser.stacks(), parser.skipped(), parser.firstProblem());
        } catch (NoSuchFileException e) {
            throw CommandFailure.input(input + ": no such file");
        }
    }

    /** Reads collapsed stacks from a stream (the controller's uploads) into a new tree. */
    public static Loaded readCollapsed(InputStream in, String source, boolean lenient) throws IOException {
        FlameTree tree = new FlameTree(new FrameTable());
        CollapsedParser parser = new CollapsedParser(tree, lenient);
        parser.parse(in, source);
        return new Loaded(tree, parser.stacks(), parser.skipped(), parser.firstProblem());
    }

    private static void checkReadable(Path input) {
        if (!Files.isRegularFile(input)) {
            throw CommandFailure.input(input + ": no such file");
        }
    }
}
