package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.flame.cli.DiffCommand;
import dev.pyrometer.flame.cli.RenderCommand;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pyrometer-helper}: the per-host command line. */
@Command(name = "pyrometer-helper", mixinStandardHelpOptions = true, version = "pyrometer-helper 0.1.0",
        description = "Profiles JVMs on this host from outside, with async-profiler.",
        subcommands = {JvmsCommand.class, ProfileCommand.class, ServeCommand.class, RenderCommand.class, DiffCommand.class})
public final class HelperMain {

    public static void main(String[] args) {
        // The profile command is usually aimed at a JVM pegging every core: skip picocli's start-up
        // cost when the arguments are plain (see ProfileFastPath).
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Integer> fast = ProfileFastPath.run(args, out, err);
        System.exit(fast.isPresent() ? fast.get() : commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return FailureHandler.install(new CommandLine(new HelperMain()));
    }
}
