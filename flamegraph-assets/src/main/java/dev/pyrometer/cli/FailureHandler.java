package dev.pyrometer.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Maps exceptions escaping a command to one line on stderr and an exit status. */
public final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    /** One line on {@code err} for a failure, a trace for anything unexpected; returns the exit status. */
    public static int report(Exception ex, java.io.PrintWriter err) {
        if (ex instanceof CommandFailure failure) {
            err.println("error: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        // Unexpected: keep the trace, it is a bug report.
        err.println("internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** Installs the handler and the exit-code help on a command line. */
    public static CommandLine install(CommandLine cmd) {
        cmd.setExecutionExceptionHandler(new FailureHandler());
        addExitCodeHelp(cmd);
        return cmd;
    }

    private static void addExitCodeHelp(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodeMap());
        cmd.getSubcommands().values().forEach(FailureHandler::addExitCodeHelp);
    }

    private static java.util.Map<String, String> exitCodeMap() {
        var map = new java.util.LinkedHashMap<String, String>();
        for (String line : ExitCodes.HELP) {
            int colon = line.indexOf(':');
            map.put("  " + line.substring(0, colon), line.substring(colon + 1));
        }
        return map;
    }
}
