package dev.pyrometer.flame.cli;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.flame.Change;
import dev.pyrometer.flame.DiffOptions;
import dev.pyrometer.flame.FlameGraphs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff}: a differential flame graph of two profiles and a ranked list of what changed. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Differential flame graph: BASE vs NEW.",
            "Each profile is normalised by its own total; red frames take a larger share of samples in NEW, "
                + "blue a smaller one; hatched frames exist only in BASE.",
            "Significance: two-proportion z-test on self sample counts, Bonferroni-corrected across frames "
                + "(alpha 0.01), and a change of at least 0.2 percentage points and 20%% of the larger share."})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "Base profile: collapsed stacks or .jfr.")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "New profile: collapsed stacks or .jfr.")
    Path neu;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "diff.html or diff.svg.")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the top changes as a JSON array.")
    Path report;

    @Option(names = "--top", paramLabel = "N", defaultValue = "30", description = "Changes in the report and summary (default ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getOut());
    }

    /** The command itself, writing its summary to {@code out}: picocli's or {@link GraphFastPath}'s. */
    int run(PrintWriter out) throws IOException {
        if (top < 0) {
            throw CommandFailure.usage("--top must be 0 or more, not " + top);
        }
        DiffOptions options = DiffOptions.defaults().withRender(graph.toOptions("Differential Flame Graph")).withTop(top);
        List<Change> changes = FlameGraphs.diff(List.of(base), List.of(neu), output, options);
        if (report != null) {
            FlameGraphs.writeReport(changes, report);
        }
        long significant = changes.stream().filter(Change::significant).count();
        out.printf("%s vs %s -> %s: %d significant change%s among the top %d%n", base, neu, output,
                significant, significant == 1 ? "" : "s", changes.size());
        for (Change c : changes) {
            if (c.significant()) {
                out.printf("  %+7.2f%%  %s (self %.2f%% -> %.2f%%)%n", c.deltaPct(), c.frame(), c.baseSelfPct(), c.newSelfPct());
            }
        }
        out.flush();
        return 0;
    }
}
