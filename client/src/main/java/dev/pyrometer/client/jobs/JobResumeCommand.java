package dev.pyrometer.client.jobs;

import picocli.CommandLine.Command;

/** {@code jobs resume ID}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Lets a paused job start profiles again, from its next scheduled run.")
public final class JobResumeCommand extends JobActionCommand {
    public JobResumeCommand() {
        super("resumed", (jobs, job) -> jobs.post(job + "/resume", "{}"));
    }
}
