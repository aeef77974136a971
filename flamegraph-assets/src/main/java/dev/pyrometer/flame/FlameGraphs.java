package dev.pyrometer.flame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One-call entry point used by the helper and the controller: read stacks, write flame graphs.
 * PLACEHOLDER until the renderer issue lands: the API is fixed, the body is not.
 */
public final class FlameGraphs {

    private FlameGraphs() {
    }

    /**
     * Reads every input (format by extension: {@code .jfr} async-profiler recording, anything else
     * collapsed stacks), sums them into one graph and writes each output, format by extension
     * ({@code .html}, {@code .svg}, {@code .collapsed}).
     */
    public static RenderSummary render(List<Path> inputs, List<Path> outputs, RenderOptions options)
            throws IOException {
        throw new UnsupportedOperationException("renderer not implemented yet");
    }

    /** Totals of a rendered graph, for progress lines and upload metadata. */
    public record RenderSummary(long samples, long stacks) {
    }
}
