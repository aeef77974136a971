package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import dev.pyrometer.client.output.Details;
import dev.pyrometer.client.output.Listing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one sampling job and how it fares.")
public final class JobShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Parameters(index = "0", paramLabel = "ID", description = "The job's id, as 'pyrometer jobs list' shows it.")
    String id;
    @Option(names = "--json", description = "Print the controller's JSON object.")
    boolean json;

    @Override
    public Integer call() {
        String answer = connection.connect().forFeature("jobs").get("/api/v1/jobs/" + PathSegment.of(id));
        if (json) {
            spec.commandLine().getOut().println(answer.strip());
            spec.commandLine().getOut().flush();
        } else {
            Details.print(spec.commandLine().getOut(), Listing.item(answer));
        }
        return 0;
    }
}
