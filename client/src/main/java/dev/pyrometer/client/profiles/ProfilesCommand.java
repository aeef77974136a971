package dev.pyrometer.client.profiles;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Formats;
import dev.pyrometer.client.output.JsonOption;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code profiles}: the stored profiles, newest first, filtered as the API allows. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Lists stored profiles, newest first; the filters combine.")
public final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption output;

    @Option(names = "--host", paramLabel = "HOST", description = "Only profiles of this host.")
    String host;
    @Option(names = "--app", paramLabel = "APP", description = "Only profiles of this app.")
    String app;
    @Option(names = "--release", paramLabel = "R", description = "Only profiles of this release.")
    String release;
    @Option(names = "--event", paramLabel = "E", description = "Only profiles of this event (cpu, wall, ...).")
    String event;
    @Option(names = "--state", paramLabel = "S",
            description = "queued|attaching|profiling|rendering|uploading|done|failed.")
    String state;
    @Option(names = "--since", paramLabel = "T", description = "Created since an ISO instant or an age like 2h.")
    String since;
    @Option(names = "--job", paramLabel = "ID", description = "Only profiles taken by this sampling job.")
    String job;
    @Option(names = "--limit", paramLabel = "N", description = "At most N profiles (the controller's default: 200).")
    Integer limit;

    @Override
    public Integer call() {
        var query = new LinkedHashMap<String, String>();
        query.put("host", host);
        query.put("app", app);
        query.put("release", release);
        query.put("event", event);
        query.put("state", state);
        query.put("since", since);
        query.put("job", job);
        query.put("limit", limit == null ? null : limit.toString());
        String json = ConnectionOptions.of(spec).connect().get("/api/v1/profiles", query);
        Listing.print(spec.commandLine().getOut(), output.json, json, profiles -> {
            var table = new Table("ID", "STATE", "HOST", "PID>", "APP", "RELEASE", "EVENT", "DURATION>", "SAMPLES>",
                    "CREATED", "BY", "ERROR");
            profiles.forEach(p -> table.row(p.text("id"), p.text("state"), p.text("host"), p.text("pid"),
                    p.text("app"), p.text("release"), p.text("event"), p.text("duration"), p.text("samples"),
                    Formats.instant(p.text("created")), trigger(p.object("trigger")), p.text("error")));
            return table;
        }, "no profiles match; start one with 'pyrometer profile --host H --pid P --wait -o flame.html'");
        return 0;
    }

    /** Who started a profile: a person ("manual"), a job or a rule, with the job's or rule's id. */
    private static String trigger(JsonFields trigger) {
        String kind = trigger.text("kind");
        String by = trigger.has("job") ? trigger.text("job") : trigger.text("rule");
        return kind.isEmpty() || by.isEmpty() ? kind : kind + " " + by;
    }
}
