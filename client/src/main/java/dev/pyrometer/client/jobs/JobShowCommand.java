package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import dev.pyrometer.client.output.Details;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Formats;
import dev.pyrometer.client.output.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one sampling job and how it fares.")
public final class JobShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The job's id, as 'pyrometer jobs list' shows it.")
    String id;
    @Option(names = "--json", description = "Print the controller's JSON object.")
    boolean json;

    @Override
    public Integer call() {
        var api = ConnectionOptions.of(spec).connect().forFeature("jobs");
        String answer = api.get("/api/v1/jobs/" + PathSegment.of(id));
        if (json) {
            spec.commandLine().getOut().println(answer.strip());
            spec.commandLine().getOut().flush();
        } else {
            print(spec.commandLine().getOut(), Listing.item(answer));
        }
        return 0;
    }

    /** The job's settings as key: value lines, then its recent runs as a table. */
    private static void print(PrintWriter out, JsonFields job) {
        var settings = new LinkedHashMap<>(job.map());
        Object runs = settings.remove("runs");
        Details.print(out, new JsonFields(settings));
        if (runs instanceof List<?> list && !list.isEmpty()) {
            out.println();
            var table = new Table("RUN", "STATE", "PROFILES", "REASON");
            for (JsonFields run : JsonFields.list(list)) {
                Object profiles = run.raw("profiles");
                table.row(Formats.instant(run.text("time")), run.text("state"),
                        profiles instanceof List<?> ids ? ids.stream().map(String::valueOf)
                                .collect(Collectors.joining(" ")) : "", run.text("reason"));
            }
            table.print(out);
        }
    }
}
