package dev.pyrometer.client.jobs;

import dev.pyrometer.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.HelpCommand;

/** {@code jobs}: periodic sampling jobs kept and run by the controller. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Periodic sampling jobs: e.g. every 15 minutes, 30 s of CPU on every JVM of an app.",
        subcommands = {JobListCommand.class, JobShowCommand.class, JobCreateCommand.class, JobPauseCommand.class,
            JobResumeCommand.class, JobDeleteCommand.class, HelpCommand.class})
public final class JobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
