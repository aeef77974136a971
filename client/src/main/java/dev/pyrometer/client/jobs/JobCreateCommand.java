package dev.pyrometer.client.jobs;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.json.JsonBody;
import dev.pyrometer.client.output.Listing;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jobs create}: a periodic sampling job; the controller validates it and names any bad field. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates a sampling job: on schedule, profiles every matching JVM (of --app, on hosts"
                + " matching --host-glob, with the --label values) for --duration.")
public final class JobCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "Profile the JVMs of this app.")
    String app;
    @Option(names = "--host-glob", paramLabel = "G",
            description = "Only on hosts matching this glob, e.g. 'web-*' (default: all).")
    String hostGlob;
    @Option(names = "--label", paramLabel = "K=V",
            description = "Only JVMs with this label (e.g. release=1.5); repeatable.")
    Map<String, String> labels;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Schedule schedule;
    @Option(names = "--name", paramLabel = "NAME", description = "A name to recognise the job by.")
    String name;
    @Option(names = "--duration", paramLabel = "D", description = "How long each profile runs (default 30s).")
    String duration;
    @Option(names = "--event", paramLabel = "E", description = "cpu|wall|alloc|lock|itimer|ctimer (default cpu).")
    String event;
    @Option(names = "--interval", paramLabel = "I", description = "Sampling interval (default per event).")
    String interval;
    @Option(names = "--max-concurrent", paramLabel = "N", description = "At most N JVMs profiled at once (default 1).")
    Integer maxConcurrent;
    @Option(names = "--jitter", paramLabel = "D", description = "Spread each run's start over up to D (default 0s).")
    String jitter;
    @Option(names = "--keep-age", paramLabel = "D",
            description = "Delete this job's profiles older than D, e.g. 30d or 168h.")
    String keepAge;
    @Option(names = "--keep-bytes", paramLabel = "SIZE",
            description = "Keep at most SIZE of this job's profiles, e.g. 10GB.")
    String keepBytes;

    /** Exactly one of the two ways to say when. */
    static final class Schedule {
        @Option(names = "--every", required = true, paramLabel = "D", description = "Run every D, e.g. 15m.")
        String every;
        @Option(names = "--cron", required = true, paramLabel = "EXPR",
                description = "Run on a cron schedule, e.g. \"0 * * * *\".")
        String cron;
    }

    @Override
    public Integer call() {
        var selector = new JsonBody().with("app", app).with("host", hostGlob).with("labels", labels);
        var retention = new JsonBody().with("max_age", hours(keepAge))
                .with("max_bytes", keepBytes == null ? null : ByteSize.parse("--keep-bytes", keepBytes));
        var body = new JsonBody().with("name", name).with("selector", selector).with("every", schedule.every)
                .with("cron", schedule.cron).with("duration", duration).with("event", event).with("interval", interval)
                .with("max_concurrent", maxConcurrent).with("jitter", jitter)
                .with("retention", retention.isEmpty() ? null : retention);
        String answer = ConnectionOptions.of(spec).connect().forFeature("jobs").post("/api/v1/jobs", body.toJson());
        String id = Listing.item(answer).text("id");
        spec.commandLine().getOut().println(id); // alone on the line, for scripts
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The API counts ages up to hours; people count retention in days. */
    static String hours(String age) {
        if (age != null && age.matches("\\d{1,6}d")) {
            return Long.parseLong(age.substring(0, age.length() - 1)) * 24 + "h";
        }
        return age;
    }
}
