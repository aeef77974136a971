package dev.pyrometer.client;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.client.compare.CompareCommand;
import dev.pyrometer.client.connect.Environment;
import dev.pyrometer.client.jobs.JobsCommand;
import dev.pyrometer.client.rules.RulesCommand;
import dev.pyrometer.client.fleet.HostsCommand;
import dev.pyrometer.client.fleet.JvmsCommand;
import dev.pyrometer.client.output.Terminal;
import dev.pyrometer.client.profiles.CancelCommand;
import dev.pyrometer.client.profiles.DiffCommand;
import dev.pyrometer.client.profiles.GetCommand;
import dev.pyrometer.client.profiles.ProfileCommand;
import dev.pyrometer.client.profiles.ProfilesCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import dev.pyrometer.client.connect.ConnectionOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.util.concurrent.Callable;
import dev.pyrometer.cli.ExitCodes;

/** {@code pyrometer}: the command line for a fleet, speaking to the controller's REST API. */
@Command(name = "pyrometer", mixinStandardHelpOptions = true, version = "pyrometer 0.1.0",
        description = {"Flame graphs of JVMs across a fleet, through the Pyrometer controller.",
            "Every command takes --controller URL (default $PYROMETER_CONTROLLER, else http://127.0.0.1:8080) and"
                + " the token from $PYROMETER_TOKEN or --token-file FILE."},
        footerHeading = "%nFor this client:%n",
        footer = {"  3 also: no such host, JVM, profile or job; host offline; JVM busy;",
            "    the profile failed (its error is printed), or had already ended (cancel).",
            "  5 also: the token was refused (401), or the controller is too old.",
            "  6: compare --fail-on-regression found a regression over its threshold."},
        subcommands = {HostsCommand.class, JvmsCommand.class, ProfileCommand.class, ProfilesCommand.class,
            GetCommand.class, CancelCommand.class, DiffCommand.class, CompareCommand.class, JobsCommand.class, RulesCommand.class,
            CommandLine.HelpCommand.class})
public final class PyrometerMain implements Environment, Terminal, Callable<Integer> {
    @Spec
    CommandSpec spec;
    /** Named {@link ConnectionOptions#MIXIN_NAME}: subcommands find it by that name. */
    @Mixin
    ConnectionOptions connection;

    private final Map<String, String> env;
    private final boolean terminal;

    PyrometerMain(Map<String, String> env, boolean terminal) {
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.console() != null,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given environment and streams; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, boolean terminal, PrintWriter out, PrintWriter err) {
        var cmd = FailureHandler.install(new CommandLine(new PyrometerMain(env, terminal)));
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    @Override
    public String get(String name) {
        return env.get(name);
    }

    @Override
    public boolean interactive() {
        return terminal;
    }

    /** Without a subcommand: the usage, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
