package dev.pyrometer.flame.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code render}: collapsed stacks or JFR recordings into flame graphs. PLACEHOLDER. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render collapsed stacks or .jfr recordings into flame graphs.")
public final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("render not implemented yet");
    }
}
