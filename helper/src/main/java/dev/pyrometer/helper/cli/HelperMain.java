package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.flame.cli.DiffCommand;
import dev.pyrometer.flame.cli.RenderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pyrometer-helper}: the per-host command line. */
@Command(name = "pyrometer-helper", mixinStandardHelpOptions = true, version = "pyrometer-helper 0.1.0",
        description = "Profiles JVMs on this host from outside, with async-profiler.",
        subcommands = {JvmsCommand.class, ProfileCommand.class, RenderCommand.class, DiffCommand.class})
public final class HelperMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return FailureHandler.install(new CommandLine(new HelperMain()));
    }
}
