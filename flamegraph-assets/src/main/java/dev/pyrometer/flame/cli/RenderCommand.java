package dev.pyrometer.flame.cli;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code render}: collapsed stacks or JFR recordings into flame graphs. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render collapsed stacks or .jfr recordings into flame graphs.",
            "Several inputs are summed into one graph; each output's format follows its extension."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Collapsed stacks (any extension) or .jfr recordings.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Output file: .html (canvas), .svg or .collapsed. Repeat for several.")
    List<Path> outputs;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws Exception {
        RenderOptions options = graph.toOptions("Flame Graph");
        FlameGraphs.RenderSummary summary = FlameGraphs.render(inputs, outputs, options);
        var out = spec.commandLine().getOut();
        out.printf("%,d samples in %,d stacks -> %s%n", summary.samples(), summary.stacks(),
                String.join(", ", outputs.stream().map(Path::toString).toList()));
        out.flush();
        return 0;
    }
}
