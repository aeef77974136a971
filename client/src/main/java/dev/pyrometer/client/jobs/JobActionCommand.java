package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.connect.PathSegment;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code jobs pause|resume|delete ID} share: one request about one job, then one line saying what was
 * done. Each action stays its own small class so that its name and help live in its {@code @Command}.
 */
abstract class JobActionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
    String id;

    private final String done;
    private final BiConsumer<ControllerApi, String> request;

    /**
     * @param done    the past tense printed before "job ID", e.g. "paused"
     * @param request sends the action for the job at the given path ({@code /api/v1/jobs/ID})
     */
    JobActionCommand(String done, BiConsumer<ControllerApi, String> request) {
        this.done = done;
        this.request = request;
    }

    @Override
    public final Integer call() {
        request.accept(ConnectionOptions.of(spec).connect().forFeature("jobs"), "/api/v1/jobs/" + PathSegment.of(id));
        spec.commandLine().getOut().println(done + " job " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
