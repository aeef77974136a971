package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads collapsed stacks ({@code frame;frame;frame COUNT} per line) into a {@link FlameTree} in
 * one pass over the bytes: frames are hashed while they are scanned, interned by byte range and
 * linked into the tree; no String or regex per line.
 */
public final class CollapsedParser {
    /** Counts above this are refused: async-profiler never writes them and sums could overflow. */
    public static final long MAX_COUNT = 1_000_000_000_000_000L;

    private final FlameTree tree;
    private final FrameTable frames;
    private final boolean lenient;
    private long lineNumber;
    private long stacks;
    private long skipped;
    private long firstProblemLine;
    private String firstProblemText;
    private String firstProblemSource;
    private long lineOffset;
    private final boolean deferErrors;
    private boolean failed;
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
        this.frames = tree.frames();
        this.lenient = lenient;
        this.deferErrors = deferErrors;
    }

    FlameTree tree() {
        return tree;
    }

    boolean lenient() {
        return lenient;
    }

    /** Lines read by the last {@link #parse} call. */
    long lines() {
        return lineNumber;
    }

    /** Added to line numbers in messages: the lines before the part of the file this parser read. */
    void lineOffset(long offset) {
        this.lineOffset = offset;
    }

    /** Whether a deferred malformed line stopped parsing; {@link #firstProblem()} says which. */
    boolean failed() {
        return failed;
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
        } catch (Stop stop) {
            // failed() and firstProblem() tell the caller
        }
    }

    private void parseAll(InputStream in, String source) throws IOException {
        this.source = source;
        this.lineNumber = 0;
        tree.ensureLookup();
        byte[] buf = new byte[1 << 20];
        int len = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
            int end = len;
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
            if (end > 0) {
                lines(buf, end);
                len -= end;
                System.arraycopy(buf, end, buf, 0, len);
            } else if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (len > 0) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len + 1);
            }
            buf[len++] = '\n';
            lines(buf, len);
        }
    }

    /** Stacks (non-blank lines) added so far. */
    public long stacks() {
        return stacks;
    }

    /** Malformed lines skipped in lenient mode. */
    public long skipped() {
        return skipped;
    }

    /** What was wrong with the first skipped line, or null. */
    public String firstProblem() {
        return firstProblemText == null ? null
                : firstProblemSource + ":" + (firstProblemLine + lineOffset) + ": " + firstProblemText;
    }

    /** Parses {@code buf[0, end)}, which holds whole lines, each ending with '\n'. */
    private void lines(byte[] buf, int end) {
        int lineStart = 0;
        int node = FlameTree.ROOT;
        int depth = 0;
        boolean bad = false;
        byte[] pool = frames.pool();
        int i = 0;
        while (i < end) {
            int tokenStart = i;
            if (!bad) {
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
            int h = 0;
            byte b;
            while ((b = buf[i]) != ';' && b != '\n') {
                h = 31 * h + b;
                i++;
            }
            if (b == ';') {
                if (!bad) {
                    if (i == tokenStart) {
                        bad = true;
                        lineNumber++;
                        malformed("frame " + (depth + 1) + " is empty (two ';' in a row, or one at an end)");
                        lineNumber--;
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
        long found = tree.childByName(node, buf, tokenStart, len, FrameTable.hash(buf, tokenStart, len));
        int child = (int) found;
        tree.setLastChild(node, child, (int) (found >>> 32));
        try {
            tree.addLeaf(child, depth + 1, count);
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
        if (firstProblemText == null) {
            firstProblemText = problem;
            firstProblemLine = lineNumber;
            firstProblemSource = source;
        }
        if (!lenient) {
            if (deferErrors) {
                failed = true;
                throw new Stop();
            }
            throw CommandFailure.input(firstProblem() + EXPECTED);
        }
        skipped++;
    }

    static final String EXPECTED = "; expected 'frame;frame;... COUNT' (use --lenient to skip such lines)";

    /** Unwinds a deferred-error parse at its first malformed line. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
