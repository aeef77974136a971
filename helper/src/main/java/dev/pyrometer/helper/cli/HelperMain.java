package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.flame.cli.DiffCommand;
import dev.pyrometer.flame.cli.GraphFastPath;
import dev.pyrometer.flame.cli.RenderCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pyrometer-helper}: the per-host command line. */
@Command(name = "pyrometer-helper", mixinStandardHelpOptions = true, version = "pyrometer-helper 0.1.0",
        description = "Profiles JVMs on this host from outside, with async-profiler.")
public final class HelperMain {

    /** The subcommands, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("jvms", JvmsCommand::new);
        SUBCOMMANDS.put("profile", ProfileCommand::new);
        SUBCOMMANDS.put("serve", ServeCommand::new);
        SUBCOMMANDS.put("render", RenderCommand::new);
        SUBCOMMANDS.put("diff", DiffCommand::new);
    }

    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    public static void main(String[] args) {
        // vfork spawns the renice/kill fallbacks without an extra exec of jspawnhelper. JDK 25
        // deprecated it with a warning on every start, later ones drop it: before 25, and only
        // if nobody chose a mechanism already.
        if (Runtime.version().feature() < 25 && System.getProperty(LAUNCH_MECHANISM) == null) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
        // The profile command is usually aimed at a JVM pegging every core: skip picocli's start-up
        // cost when the arguments are plain (see ProfileFastPath).
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Integer> fast = ProfileFastPath.run(args, out, err);
        if (fast.isEmpty()) {
            // Likewise for a plain render or diff, whose picocli model cost ~70 ms of CPU.
            fast = GraphFastPath.run(args, out, err);
        }
        if (fast.isPresent()) {
            System.exit(fast.get());
        }
        System.exit(args.length > 0 && SUBCOMMANDS.containsKey(args[0])
                ? subcommandLine(args[0]).execute(Arrays.copyOfRange(args, 1, args.length))
                : commandLine().execute(args));
    }

    /** The whole tree: top-level help, version and the error for an unknown subcommand. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new HelperMain());
        SUBCOMMANDS.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
        return FailureHandler.install(cmd);
    }

    /**
     * One subcommand alone, named as in the tree. picocli reflects over every option of every
     * subcommand it is given: building all five took about 0.1 s of CPU before a render of a 70 MB
     * profile could start (a sixth of the whole command), and before an attach on a pegged host.
     */
    static CommandLine subcommandLine(String name) {
        CommandLine cmd = new CommandLine(SUBCOMMANDS.get(name).get());
        cmd.setCommandName("pyrometer-helper " + name);
        return FailureHandler.install(cmd);
    }
}
