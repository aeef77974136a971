package dev.pyrometer.flame.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code diff}: a differential flame graph of two profiles. PLACEHOLDER. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Differential flame graph: BASE vs NEW.")
public final class DiffCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("diff not implemented yet");
    }
}
