package dev.pyrometer.client.profiles;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.json.JsonBody;
import dev.pyrometer.wire.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff}: a differential flame graph of some profiles against others, drawn by the controller. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Writes a differential flame graph (HTML): the profiles given against the --against ones,"
                + " each side merged; red got more expensive, blue cheaper.")
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The new side's profile ids.")
    List<String> ids;

    @Option(names = "--against", arity = "1..*", required = true, paramLabel = "ID",
            description = "The base side's profile ids.")
    List<String> against;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Override
    public Integer call() {
        if (!Download.of(output).artifact().equals(Protocol.FLAMEGRAPH_HTML)) {
            throw CommandFailure.usage("a differential flame graph is HTML; name the output something.html");
        }
        var body = new JsonBody().with("base", against).with("new", ids);
        ConnectionOptions.of(spec).connect().downloadPost("/api/v1/diff", body.toJson(), output);
        spec.commandLine().getOut().println("wrote " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
