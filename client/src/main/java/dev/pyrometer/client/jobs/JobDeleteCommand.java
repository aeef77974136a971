package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Deletes a job; the profiles it took stay until retention removes them.")
public final class JobDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    public Integer call() {
        ConnectionOptions.of(spec).connect().forFeature("jobs").delete("/api/v1/jobs/" + PathSegment.of(id));
        spec.commandLine().getOut().println("deleted job " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
