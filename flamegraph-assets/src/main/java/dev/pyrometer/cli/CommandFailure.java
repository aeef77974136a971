package dev.pyrometer.cli;

/**
 * An expected failure of a command: a one-line message for the user and an exit status.
 * Thrown from domain code, mapped once by {@link FailureHandler}; never printed with a stack trace.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    private CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message, null);
    }

    public static CommandFailure target(String message) {
        return new CommandFailure(ExitCodes.TARGET, message, null);
    }

    public static CommandFailure target(String message, Throwable cause) {
        return new CommandFailure(ExitCodes.TARGET, message, cause);
    }

    public static CommandFailure input(String message) {
        return new CommandFailure(ExitCodes.INPUT, message, null);
    }

    public static CommandFailure remote(String message) {
        return new CommandFailure(ExitCodes.REMOTE, message, null);
    }

    public static CommandFailure regression(String message) {
        return new CommandFailure(ExitCodes.REGRESSION, message, null);
    }

    public static CommandFailure internal(String message, Throwable cause) {
        return new CommandFailure(ExitCodes.INTERNAL, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
