package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads collapsed stacks ({@code frame;frame;frame COUNT} per line) into a {@link FlameTree} in
 * one pass over the bytes: frames are hashed while they are scanned, interned by byte range and
 * linked into the tree; no String or regex per line.
 */
public final class CollapsedParser {
    /** Counts above this are refused: async-profiler never writes them and sums could overflow. */
    public static final long MAX_COUNT = 1_000_000_000_000_000L;

    /** The tree lines are added to, or null while they are kept as rows in {@link #rows}. */
    private FlameTree tree;
    private StackList rows;
    private final FrameTable frames;
    private final LineProblems problems;
    private long lineNumber;
    private long stacks;
    private String source = "<input>";

    public CollapsedParser(FlameTree tree, boolean lenient) {
        this(tree, lenient, false);
    }

    /**
     * With {@code deferErrors}, a malformed line (when not lenient) stops parsing and is reported by
     * {@link #failed()} instead of thrown, so a reader of the second half of a file can have its line
     * numbers corrected once the first half is counted.
     */
    CollapsedParser(FlameTree tree, boolean lenient, boolean deferErrors) {
        this.tree = tree;
        this.rows = null;
        this.frames = tree.frames();
        this.problems = new LineProblems(lenient, deferErrors);
    }

    /**
     * A parser that keeps the lines as rows of names and builds the tree once, by sorting them
     * ({@link #sortedTree()}): for a large input read whole, where it costs less than a lookup
     * in a growing tree per frame. {@code expectedFrames} sizes the rows. Rows hold every frame
     * read, where a tree holds each distinct stack once: past {@code maxRowBytes} (deep recursion
     * over and over), the rows so far become a tree and the rest is added to it frame by frame.
     */
    CollapsedParser(FrameTable frames, long expectedFrames, long maxRowBytes, boolean lenient) {
        this.tree = null;
        this.rows = new StackList(expectedFrames, maxRowBytes);
        this.frames = frames;
        this.problems = new LineProblems(lenient, false);
    }

    /**
     * The tree of what a parser made by {@link #CollapsedParser(FrameTable, long, long, boolean)}
     * read, totals not computed: numbered in pre-order with siblings in name order, unless the
     * rows outgrew their room.
     */
    FlameTree sortedTree() {
        if (rows != null) {
            tree = rows.toTree(frames);
            rows = null;
        }
        return tree;
    }

    FlameTree tree() {
        return tree;
    }

    boolean lenient() {
        return problems.lenient();
    }

    /** Lines read by the last {@link #parse} call. */
    long lines() {
        return lineNumber;
    }

    /** Added to line numbers in messages: the lines before the part of the file this parser read. */
    void lineOffset(long offset) {
        problems.lineOffset(offset);
    }

    /** Whether a deferred malformed line stopped parsing; {@link #firstProblem()} says which. */
    boolean failed() {
        return problems.failed();
    }

    /** Adds every stack of {@code in}; {@code source} names it in error messages. */
    public void parse(InputStream in, String source) throws IOException {
        parseSelf(in, source);
        // Lines only added to their leaf's self (FlameTree.addLeaf): one pass makes the totals right.
        tree.recomputeTotals();
    }

    /**
     * {@link #parse} without making the totals right, for the halves of a file that are merged
     * next: the merge reads selves only and recomputes the totals once.
     */
    void parseSelf(InputStream in, String source) throws IOException {
        try {
            parseAll(in, source);
        } catch (LineProblems.Stop stop) {
            // failed() and firstProblem() tell the caller
        }
    }

    private void parseAll(InputStream in, String source) throws IOException {
        this.source = source;
        this.lineNumber = 0;
        if (tree != null) {
            tree.ensureLookup();
        }
        LineChunks.read(in, this::lines);
    }

    /** Stacks (non-blank lines) added so far. */
    public long stacks() {
        return stacks;
    }

    /** Malformed lines skipped in lenient mode. */
    public long skipped() {
        return problems.skipped();
    }

    /** What was wrong with the first skipped line, or null. */
    public String firstProblem() {
        return problems.first();
    }

    /** Parses {@code buf[0, end)}, which holds whole lines, each ending with '\n', and {@link LineChunks#SLACK} bytes more. */
    private void lines(byte[] buf, int end) {
        int lineStart = 0;
        int node = FlameTree.ROOT;
        int depth = 0;
        boolean bad = false;
        byte[] pool = frames.pool();
        int i = 0;
        while (i < end) {
            int tokenStart = i;
            if (!bad && rows == null) {
                // Most stacks pass through the same few children near the root: try the child
                // this node led to last time before hashing the token.
                long guess = tree.lastChild(node);
                if (guess != 0) {
                    int f = (int) (guess >>> 32);
                    int len = frames.tokenLength(f);
                    int after = tokenStart + len;
                    // Names that share a package differ near their end: the last byte settles most misses.
                    if (after < end && buf[after] == ';' && buf[after - 1] == pool[frames.nameStart(f) + len - 1]
                            && FrameTable.sameBytes(buf, tokenStart, pool, frames.nameStart(f), len)) {
                        node = (int) guess;
                        depth++;
                        i = after + 1;
                        continue;
                    }
                }
            }
            // The token's end and its hash, 8 bytes at a time (the buffer has 8 to spare past its end).
            long hw = 0;
            while (true) {
                long w = Words.at(buf, i);
                long semis = w ^ 0x3B3B3B3B3B3B3B3BL;
                long newlines = w ^ 0x0A0A0A0A0A0A0A0AL;
                // The high bit of each byte that is ';' or '\n' (and maybe of bytes after the first
                // such one): a zero byte of w ^ c, found without a branch per byte.
                long ends = ((semis - 0x0101010101010101L) & ~semis | (newlines - 0x0101010101010101L) & ~newlines)
                        & 0x8080808080808080L;
                if (ends != 0) {
                    int n = Words.lowestByte(ends);
                    if (n != 0) {
                        hw = FrameTable.tokenStep(hw, w & -1L >>> 64 - 8 * n);
                    }
                    i += n;
                    break;
                }
                hw = FrameTable.tokenStep(hw, w);
                i += 8;
            }
            int h = FrameTable.tokenFold(hw);
            byte b = buf[i];
            if (b == ';') {
                if (!bad) {
                    if (i == tokenStart) {
                        bad = true;
                        lineNumber++;
                        malformed("frame " + (depth + 1) + " is empty (two ';' in a row, or one at an end)");
                        lineNumber--;
                    } else if (rows != null) {
                        rows.push(frames.intern(buf, tokenStart, i - tokenStart, h));
                        pool = frames.pool();
                        depth++;
                    } else {
                        long found = tree.childByName(node, buf, tokenStart, i - tokenStart, h);
                        pool = frames.pool();
                        tree.setLastChild(node, (int) found, (int) (found >>> 32));
                        node = (int) found;
                        depth++;
                    }
                }
            } else {
                lineNumber++;
                if (!bad) {
                    lineEnd(buf, lineStart, tokenStart, i, node, depth);
                    pool = frames.pool();
                }
                if (rows != null) {
                    // Nothing when the line was added; the frames read so far when it was malformed.
                    rows.dropRow();
                    if (rows.full()) {
                        sortedTree().ensureLookup();
                    }
                }
                lineStart = i + 1;
                node = FlameTree.ROOT;
                depth = 0;
                bad = false;
            }
            i++;
        }
    }

    /** The last token of a line holds the last frame and the count: split, check and add the stack. */
    private void lineEnd(byte[] buf, int lineStart, int tokenStart, int lineEnd, int node, int depth) {
        int end = lineEnd;
        while (end > tokenStart && isBlank(buf[end - 1])) {
            end--;
        }
        if (end == lineStart) {
            return;
        }
        int digits = end;
        while (digits > tokenStart && buf[digits - 1] >= '0' && buf[digits - 1] <= '9') {
            digits--;
        }
        if (digits == end) {
            malformed("the line does not end with a sample count");
            return;
        }
        if (digits == lineStart || buf[digits - 1] != ' ' && buf[digits - 1] != '\t') {
            malformed(digits == lineStart ? "the line has a count but no frames"
                    : "the line does not end with a space and a sample count");
            return;
        }
        if (end - digits > 16) {
            malformed("the sample count is above 10^15");
            return;
        }
        long count = 0;
        for (int i = digits; i < end; i++) {
            count = count * 10 + (buf[i] - '0');
        }
        if (count > MAX_COUNT) {
            malformed("the sample count is above 10^15");
            return;
        }
        int nameEnd = digits - 1;
        while (nameEnd > tokenStart && isBlank(buf[nameEnd - 1])) {
            nameEnd--;
        }
        if (nameEnd == tokenStart) {
            malformed(depth == 0 ? "the line has a count but no frames"
                    : "frame " + (depth + 1) + " is empty (two ';' in a row, or one at an end)");
            return;
        }
        int len = nameEnd - tokenStart;
        int h = FrameTable.tokenHash(buf, tokenStart, len);
        try {
            if (rows != null) {
                rows.push(frames.intern(buf, tokenStart, len, h));
                rows.endRow(count);
            } else {
                long found = tree.childByName(node, buf, tokenStart, len, h);
                int child = (int) found;
                tree.setLastChild(node, child, (int) (found >>> 32));
                tree.addLeaf(child, depth + 1, count);
            }
        } catch (ArithmeticException e) {
            throw CommandFailure.input(source + ":" + lineNumber + ": the sample counts add up to more than "
                    + Long.MAX_VALUE + "; split the input");
        }
        stacks++;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private void malformed(String problem) {
        problems.malformed(problem, source, lineNumber);
    }
}
