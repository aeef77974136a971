package dev.pyrometer.client.output;

import picocli.CommandLine.Option;

/** {@code --json}: print the controller's answer as it came, one JSON array, for scripts. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the controller's JSON (one array) instead of a table.")
    public boolean json;
}
