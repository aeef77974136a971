package dev.pyrometer.client.rules;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.json.JsonBody;
import dev.pyrometer.client.output.Listing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rules create}: the controller validates the rule, names any bad field, and sends it to every helper. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates a rule: when a JVM (of --app, or any) stays above --cpu-percent for --for, profile it"
                + " for --duration, then leave it alone for --cooldown.")
public final class RuleCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cpu-percent", required = true, paramLabel = "PCT",
            description = "CPU %% of one JVM (100 = one core) that counts as pegged.")
    double cpuPercent;
    @Option(names = "--for", paramLabel = "D", description = "How long it must stay there, e.g. 10s.")
    String forDuration;
    @Option(names = "--duration", paramLabel = "D", description = "How long to profile (default 30s).")
    String duration;
    @Option(names = "--event", paramLabel = "E", description = "cpu|wall|alloc|lock|itimer|ctimer (default cpu).")
    String event;
    @Option(names = "--interval", paramLabel = "I", description = "Sampling interval (default per event).")
    String interval;
    @Option(names = "--cooldown", paramLabel = "D", description = "Quiet time per JVM after the rule fired, e.g. 10m.")
    String cooldown;
    @Option(names = "--app", paramLabel = "APP", description = "Only JVMs of this app (default: any).")
    String app;

    @Override
    public Integer call() {
        var body = new JsonBody().with("cpu_percent", cpuPercent).with("for", forDuration).with("duration", duration)
                .with("event", event).with("interval", interval).with("cooldown", cooldown).with("app", app);
        String answer = ConnectionOptions.of(spec).connect().forFeature("rules").post("/api/v1/rules", body.toJson());
        spec.commandLine().getOut().println(Listing.item(answer).text("id")); // alone on the line, for scripts
        spec.commandLine().getOut().flush();
        return 0;
    }
}
