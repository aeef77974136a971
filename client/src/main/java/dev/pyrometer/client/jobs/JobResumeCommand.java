package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs resume ID}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Lets a paused job start profiles again, from its next scheduled run.")
public final class JobResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    public Integer call() {
        var api = ConnectionOptions.of(spec).connect().forFeature("jobs");
        api.post("/api/v1/jobs/" + PathSegment.of(id) + "/resume", "{}");
        spec.commandLine().getOut().println("resumed job " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
