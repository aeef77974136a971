package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Formats;
import dev.pyrometer.client.output.JsonOption;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jobs list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sampling jobs.")
public final class JobListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        String json = ConnectionOptions.of(spec).connect().forFeature("jobs").get("/api/v1/jobs");
        Listing.print(spec.commandLine().getOut(), output.json, json, jobs -> {
            var table = new Table("ID", "NAME", "APP", "HOSTS", "SCHEDULE", "DURATION", "EVENT", "STATE", "NEXT RUN");
            jobs.forEach(j -> {
                JsonFields spec = j.has("spec") ? j.object("spec") : j;
                JsonFields selector = spec.has("selector") ? spec.object("selector") : spec;
                table.row(j.text("id"), spec.text("name"), selector.text("app"), selector.text("host"),
                        spec.has("every") ? "every " + spec.text("every") : spec.text("cron"), spec.text("duration"),
                        spec.text("event"), state(j), Formats.instant(j.text("next_run")));
            });
            return table;
        }, "no jobs; create one with 'pyrometer jobs create --app APP --every 15m'");
        return 0;
    }

    static String state(JsonFields job) {
        if (job.has("state")) {
            return job.text("state");
        }
        return job.flag("paused") ? "paused" : "active";
    }
}
