package dev.pyrometer.cli;

/** Process exit statuses shared by every Pyrometer command line, listed in each command's help. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Picocli's own code for a bad option or argument. */
    public static final int USAGE = 2;
    /** The target process cannot be profiled: missing, not a JVM, attach refused, exited. */
    public static final int TARGET = 3;
    /** An input file is missing or malformed. */
    public static final int INPUT = 4;
    /** A remote service (controller) refused or could not be reached. */
    public static final int REMOTE = 5;
    /** A comparison gate found a significant regression. */
    public static final int REGRESSION = 6;
    /** A bug or an unexpected environment problem; the message says what happened. */
    public static final int INTERNAL = 70;

    /** The text every command puts under "Exit codes:" in its help. */
    public static final String[] HELP = {
        "0:Success.",
        "2:Usage error: bad option or argument.",
        "3:Target problem: no such process, not a JVM, attach refused or timed out, target exited.",
        "4:Input problem: a file is missing or malformed.",
        "5:Remote problem: the controller refused the request or could not be reached.",
        "6:A comparison found a significant regression.",
        "70:Internal error.",
    };

    private ExitCodes() {
    }
}
