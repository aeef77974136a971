package dev.pyrometer.client.profiles;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.ControllerApi;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code get}: downloads a stored profile's flame graph, stacks or recording. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Downloads a profile; each -o FILE's extension picks what: .html interactive flame graph,"
                + " .svg standalone SVG, .collapsed folded stacks, .jfr the raw recording.")
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Profile id (p-…), as 'pyrometer profiles' lists.")
    String id;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Output file (.html, .svg, .collapsed, .jfr); repeatable.")
    List<Path> outputs;

    @Override
    public Integer call() {
        List<Download> downloads = Download.of(outputs);
        ControllerApi api = ConnectionOptions.of(spec).connect();
        var out = spec.commandLine().getOut();
        for (Download d : downloads) {
            d.fetch(api, id);
            out.println("wrote " + d.file());
        }
        out.flush();
        return 0;
    }
}
