package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ControllerApi;
import picocli.CommandLine.Command;

/** {@code jobs delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Deletes a job; the profiles it took stay until retention removes them.")
public final class JobDeleteCommand extends JobActionCommand {
    public JobDeleteCommand() {
        super("deleted", ControllerApi::delete);
    }
}
