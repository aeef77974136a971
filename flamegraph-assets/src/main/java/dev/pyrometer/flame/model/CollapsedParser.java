package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads collapsed stacks ({@code frame;frame;frame COUNT} per line) into a {@link FlameTree},
 * scanning bytes in place: one pass, no String or regex per line.
 */
public final class CollapsedParser {
    /** Counts above this are refused: async-profiler never writes them and sums could overflow. */
    public static final long MAX_COUNT = 1_000_000_000_000_000L;

    private final FlameTree tree;
    private final FrameTable frames;
    private final boolean lenient;
    private int[] path = new int[256];
    private int[] prevEnds = new int[256];
    private byte[] prev = new byte[1 << 12];
    private int prevLength;
    private int prevDepth;
    private long lineNumber;
    private long stacks;
    private long skipped;
    private String firstProblem;
    private String source = "<input>";

    public CollapsedParser(FlameTree tree, boolean lenient) {
        this.tree = tree;
        this.frames = tree.frames();
        this.lenient = lenient;
    }

    /** Adds every stack of {@code in}; {@code source} names it in error messages. */
    public void parse(InputStream in, String source) throws IOException {
        this.source = source;
        this.lineNumber = 0;
        this.prevLength = 0;
        this.prevDepth = 0;
        byte[] buf = new byte[1 << 20];
        int len = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
            int lineStart = 0;
            for (int i = 0; i < len; i++) {
                if (buf[i] == '\n') {
                    line(buf, lineStart, i);
                    lineStart = i + 1;
                }
            }
            len -= lineStart;
            System.arraycopy(buf, lineStart, buf, 0, len);
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (len > 0) {
            line(buf, 0, len);
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
        return firstProblem;
    }

    private void line(byte[] buf, int start, int end) {
        lineNumber++;
        while (end > start && isBlank(buf[end - 1])) {
            end--;
        }
        if (end == start) {
            return;
        }
        int digits = end;
        while (digits > start && buf[digits - 1] >= '0' && buf[digits - 1] <= '9') {
            digits--;
        }
        if (digits == end) {
            malformed("the line does not end with a sample count");
            return;
        }
        if (digits == start || buf[digits - 1] != ' ' && buf[digits - 1] != '\t') {
            malformed(digits == start ? "the line has a count but no frames"
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
        int framesEnd = digits - 1;
        while (framesEnd > start && isBlank(buf[framesEnd - 1])) {
            framesEnd--;
        }
        if (framesEnd == start) {
            malformed("the line has a count but no frames");
            return;
        }
        int framesLen = framesEnd - start;
        // Collapsed files are usually sorted, so a line mostly repeats the previous one's frames:
        // reuse the nodes of the common prefix and intern only the frames after it.
        int common = Arrays.mismatch(buf, start, framesEnd, prev, 0, prevLength);
        int depth;
        if (common < 0) {
            depth = prevDepth;
        } else {
            depth = 0;
            while (depth < prevDepth && prevEnds[depth] < common) {
                depth++;
            }
        }
        int node = depth == 0 ? FlameTree.ROOT : path[depth - 1];
        int tokenStart = depth == 0 ? start : start + prevEnds[depth - 1] + 1;
        int h = 0;
        for (int i = tokenStart; i <= framesEnd && common >= 0; i++) {
            byte b = i < framesEnd ? buf[i] : (byte) ';';
            if (b == ';') {
                int len = i - tokenStart;
                if (len == 0) {
                    prevLength = 0;
                    prevDepth = 0;
                    malformed("frame " + (depth + 1) + " is empty (two ';' in a row, or one at an end)");
                    return;
                }
                node = tree.child(node, frames.intern(buf, tokenStart, len, h));
                if (depth == path.length) {
                    path = Arrays.copyOf(path, depth * 2);
                    prevEnds = Arrays.copyOf(prevEnds, depth * 2);
                }
                prevEnds[depth] = i - start;
                path[depth++] = node;
                tokenStart = i + 1;
                h = 0;
            } else {
                h = 31 * h + b;
            }
        }
        if (framesLen > prev.length) {
            prev = new byte[Math.max(framesLen, prev.length * 2)];
        }
        System.arraycopy(buf, start, prev, 0, framesLen);
        prevLength = framesLen;
        prevDepth = depth;
        try {
            tree.addPath(path, depth, count);
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
        String message = source + ":" + lineNumber + ": " + problem;
        if (!lenient) {
            throw CommandFailure.input(message + "; expected 'frame;frame;... COUNT' (use --lenient to skip such lines)");
        }
        if (firstProblem == null) {
            firstProblem = message;
        }
        skipped++;
    }
}
