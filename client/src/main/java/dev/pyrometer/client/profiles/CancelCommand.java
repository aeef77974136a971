package dev.pyrometer.client.profiles;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cancel}: stops a running profile early, for the profile started on the wrong JVM or for
 * too long. The helper stops the agent and keeps what was recorded; the profile ends failed,
 * saying it was cancelled.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Stops a queued or running profile early; the helper keeps what was recorded so far.")
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Profile id (p-…), as 'pyrometer profiles' lists.")
    String id;

    @Override
    public Integer call() {
        ConnectionOptions.of(spec).connect().forFeature("cancel")
                .post("/api/v1/profiles/" + PathSegment.of(id) + "/cancel", "{}");
        var out = spec.commandLine().getOut();
        out.println("cancel sent to " + id + "'s helper; 'pyrometer profiles' shows when it has stopped");
        out.flush();
        return 0;
    }
}
