package dev.pyrometer.client.compare;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: two releases of an app, merged over every host, ranked by what changed; usable as a CI gate. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two releases of an app, every stored profile of each merged: prints the frames whose"
                + " share of the CPU changed most, and writes the differential flame graph with -o.",
            "With --fail-on-regression PP it exits 6 when a frame's self time grew by more than PP percentage"
                + " points and the change is significant, listing those frames: a CI gate."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app both releases belong to.")
    String app;
    @Option(names = "--base", required = true, paramLabel = "R1", description = "The release to compare against.")
    String base;
    @Option(names = "--new", required = true, paramLabel = "R2", description = "The release under scrutiny.")
    String next;
    @Option(names = "--event", paramLabel = "E", description = "Which profiles (default cpu).")
    String event;
    @Option(names = "--since", paramLabel = "T", description = "Only profiles since an ISO instant or an age like 7d.")
    String since;
    @Option(names = "--until", paramLabel = "T", description = "Only profiles until an ISO instant or an age.")
    String until;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the differential flame graph (HTML).")
    Path output;
    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "How many changes to print (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--fail-on-regression", paramLabel = "PP",
            description = "Exit 6 when a significant change adds more than PP points of self time to a frame.")
    Double failOnRegression;
    @Option(names = "--json", description = "Print the controller's JSON answer instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (top < 0) {
            throw CommandFailure.usage("--top must not be negative");
        }
        if (output != null && !output.toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw CommandFailure.usage("the differential flame graph is HTML; name the output something.html");
        }
        ControllerApi api = ConnectionOptions.of(spec).connect().forFeature("compare");
        var query = new LinkedHashMap<String, String>();
        query.put("app", app);
        query.put("base", base);
        query.put("new", next);
        query.put("event", event);
        query.put("since", since);
        query.put("until", until);
        String answer = api.get("/api/v1/compare", query);
        JsonFields result = Listing.item(answer);
        List<JsonFields> changes = JsonFields.list(result.raw("changes") == null ? List.of() : result.raw("changes"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.strip());
        } else {
            summary(out, result, changes);
        }
        if (output != null) {
            api.download(api.pathOf(result.text("flamegraph")), output);
            if (!json) {
                out.println("wrote " + output);
            }
        }
        out.flush();
        fewProfilesWarning(result, changes);
        if (failOnRegression != null) {
            gate(out, changes);
        }
        return 0;
    }

    /**
     * With few profiles a side, Welch's test can call almost nothing significant: say so on stderr,
     * naming the large changes it could not judge, rather than let a clean-looking table (or a CI gate
     * that passes) suggest there was nothing to see.
     */
    private void fewProfilesWarning(JsonFields result, List<JsonFields> changes) {
        if (!result.flag("few_profiles")) {
            return;
        }
        long baseProfiles = (long) result.object("base").number("profiles", 0);
        long newProfiles = (long) result.object("new").number("profiles", 0);
        double floor = failOnRegression != null ? failOnRegression : 1.0;
        List<String> unjudged = changes.stream().filter(c -> !c.flag("significant") && c.number("delta_pct", 0) > floor)
                .map(c -> String.format(Locale.ROOT, "%s %+.2f", c.text("frame"), c.number("delta_pct", 0))).toList();
        if (unjudged.isEmpty()) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("warning: " + baseProfiles + " and " + newProfiles + " profiles: with so few a release the test"
                + " can rarely call a change significant, so these were not judged: "
                + String.join(", ", unjudged) + "; take more profiles of each release (a job does it)");
        err.flush();
    }

    private void summary(PrintWriter out, JsonFields result, List<JsonFields> changes) {
        JsonFields b = result.object("base");
        JsonFields n = result.object("new");
        out.printf("%s %s (%s profiles, %s samples) -> %s (%s profiles, %s samples)%n", app, base, b.text("profiles"),
                b.text("samples"), next, n.text("profiles"), n.text("samples"));
        if (changes.isEmpty()) {
            out.println("no changes");
            return;
        }
        var table = new Table("FRAME", "SELF BEFORE%>", "SELF AFTER%>", "DELTA>", "TOTAL BEFORE%>", "TOTAL AFTER%>",
                "SIGNIFICANT");
        changes.stream().limit(top).forEach(c -> table.row(c.text("frame"), pct(c, "base_self_pct"),
                pct(c, "new_self_pct"), String.format(Locale.ROOT, "%+.2f", c.number("delta_pct", 0)),
                pct(c, "base_total_pct"), pct(c, "new_total_pct"), c.flag("significant") ? "yes" : ""));
        table.print(out);
        if (changes.size() > top) {
            out.println("(" + (changes.size() - top) + " more; --top N or --json shows them)");
        }
    }

    private void gate(PrintWriter out, List<JsonFields> changes) {
        var gate = new RegressionGate(failOnRegression);
        List<JsonFields> offenders = gate.offenders(changes);
        if (offenders.isEmpty()) {
            return;
        }
        for (JsonFields c : json ? List.<JsonFields>of() : offenders) { // keep --json output one JSON object
            out.printf(Locale.ROOT, "regression: %s %+.2f points of self time (%.2f%% -> %.2f%%)%n", c.text("frame"),
                    c.number("delta_pct", 0), c.number("base_self_pct", 0), c.number("new_self_pct", 0));
        }
        out.flush();
        String frames = offenders.stream().map(c -> c.text("frame")).collect(Collectors.joining(", "));
        throw CommandFailure.regression(offenders.size() + " frame(s) of " + app + " " + next
                + " regressed by more than " + failOnRegression + " points against " + base + ": " + frames);
    }

    private static String pct(JsonFields c, String key) {
        return String.format(Locale.ROOT, "%.2f", c.number(key, 0));
    }
}
