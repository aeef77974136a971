package dev.pyrometer.helper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code profile}. PLACEHOLDER. */
@Command(name = "profile", mixinStandardHelpOptions = true)
public final class ProfileCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("profile not implemented yet");
    }
}
