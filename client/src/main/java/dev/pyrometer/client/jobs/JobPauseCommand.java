package dev.pyrometer.client.jobs;

import picocli.CommandLine.Command;

/** {@code jobs pause ID}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stops a job from starting new profiles; running ones finish.")
public final class JobPauseCommand extends JobActionCommand {
    public JobPauseCommand() {
        super("paused", (jobs, job) -> jobs.post(job + "/pause", "{}"));
    }
}
