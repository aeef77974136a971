package dev.pyrometer.client.rules;

import dev.pyrometer.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.HelpCommand;

/** {@code rules}: automatic profiling of pegged JVMs, evaluated by every helper on its own host. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Rules the helpers apply by themselves: when a JVM stays above a CPU %% for a while, profile it,"
                + " even if nobody is awake.",
        subcommands = {RuleListCommand.class, RuleCreateCommand.class, RuleDeleteCommand.class, HelpCommand.class})
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
