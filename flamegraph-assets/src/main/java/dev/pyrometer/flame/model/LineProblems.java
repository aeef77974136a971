package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;

/**
 * What a parser does with a malformed line: fail naming the file and line, or, when lenient, skip
 * it and remember the first one for a warning. With {@code deferErrors} the failure unwinds the
 * parse quietly instead ({@link #failed()}), so the reader of a file's second half can have its
 * line numbers corrected ({@link #lineOffset}) once the first half is counted.
 */
final class LineProblems {
    static final String EXPECTED = "; expected 'frame;frame;... COUNT' (use --lenient to skip such lines)";

    private final boolean lenient;
    private final boolean deferErrors;
    private long skipped;
    private long firstLine;
    private String firstText;
    private String firstSource;
    private long lineOffset;
    private boolean failed;

    LineProblems(boolean lenient, boolean deferErrors) {
        this.lenient = lenient;
        this.deferErrors = deferErrors;
    }

    boolean lenient() {
        return lenient;
    }

    /** Line {@code line} of {@code source} is malformed: throws unless lenient, else counts it. */
    void malformed(String problem, String source, long line) {
        if (firstText == null) {
            firstText = problem;
            firstLine = line;
            firstSource = source;
        }
        if (!lenient) {
            if (deferErrors) {
                failed = true;
                throw new Stop();
            }
            throw CommandFailure.input(first() + EXPECTED);
        }
        skipped++;
    }

    /** Malformed lines skipped in lenient mode. */
    long skipped() {
        return skipped;
    }

    /** What was wrong with the first malformed line, as file:line: problem, or null. */
    String first() {
        return firstText == null ? null : firstSource + ":" + (firstLine + lineOffset) + ": " + firstText;
    }

    /** Added to line numbers in messages: the lines before the part of the file this parser read. */
    void lineOffset(long offset) {
        this.lineOffset = offset;
    }

    /** Whether a deferred malformed line stopped parsing; {@link #first()} says which. */
    boolean failed() {
        return failed;
    }

    /** Unwinds a deferred-error parse at its first malformed line. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
