package dev.pyrometer.helper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jvms}. PLACEHOLDER. */
@Command(name = "jvms", mixinStandardHelpOptions = true)
public final class JvmsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("jvms not implemented yet");
    }
}
