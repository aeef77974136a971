package dev.pyrometer.flame.cli;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import dev.pyrometer.flame.render.ByteWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command itself, writing to {@code out} and {@code err}: picocli's or {@link GraphFastPath}'s. */
    int run(PrintWriter out, PrintWriter err) throws IOException {
        RenderOptions options = graph.toOptions("Flame Graph");
        FlameGraphs.RenderSummary summary = FlameGraphs.render(inputs, outputs, options, warning -> {
            err.println(warning);
            err.flush();
        });
        if (summary.samples() == 0) {
            boolean filtered = summary.stacks() > 0 && (graph.include != null || graph.exclude != null);
            err.println(filtered ? "warning: no stack is left after --include/--exclude; the graph is empty"
                    : "warning: the input holds no samples; the graph is empty");
            err.flush();
        }
        // Not printf: its Formatter (a regex, locale data) took about 8 ms of every render's start.
        out.println(grouped(summary.samples()) + " samples in " + grouped(summary.stacks()) + " stacks -> "
                + String.join(", ", outputs.stream().map(Path::toString).toList()));
        out.flush();
        return 0;
    }

    /** {@code n} with commas between groups of three digits, as {@code %,d} writes it in English. */
    static String grouped(long n) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (ByteWriter out = new ByteWriter(bytes)) {
            out.grouped(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
