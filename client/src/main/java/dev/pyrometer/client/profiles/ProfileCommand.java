package dev.pyrometer.client.profiles;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.json.JsonBody;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Terminal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code profile}: asks a host's helper, through the controller, to profile one of its JVMs. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profiles a JVM on a host through the controller and its helper there.",
            "Without --wait or -o it prints the new profile's id and returns; with them it follows the profile"
                + " (a progress bar on a terminal, plain lines otherwise) and downloads each -o FILE, the format"
                + " chosen by its extension: .html, .svg, .collapsed, .jfr."})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Host the JVM runs on.")
    String host;

    @Option(names = "--pid", required = true, paramLabel = "PID", description = "Process id of the JVM on that host.")
    long pid;

    @Option(names = "--duration", paramLabel = "D", description = "How long to profile, 1s..10m (default 30s).")
    String duration;

    @Option(names = "--event", paramLabel = "E", description = "cpu|wall|alloc|lock|itimer|ctimer (default cpu).")
    String event;

    @Option(names = "--interval", paramLabel = "I", description = "Sampling interval, e.g. 10ms (default per event).")
    String interval;

    @Option(names = "--label", paramLabel = "K=V", description = "A label kept with the profile; repeatable.")
    Map<String, String> labels;

    @Option(names = "--wait", description = "Wait until the profile is done (implied by -o).")
    boolean waitForIt;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Download the result here once done (.html, .svg, .collapsed, .jfr); repeatable.")
    List<Path> outputs;

    @Override
    public Integer call() {
        List<Download> downloads = Download.of(outputs); // a bad extension is refused before the profile starts
        ControllerApi api = ConnectionOptions.of(spec).connect();
        var body = new JsonBody().with("host", host).with("pid", pid).with("duration", duration).with("event", event)
                .with("interval", interval).with("labels", labels);
        String id = Listing.item(api.post("/api/v1/profiles", body.toJson())).text("id");
        PrintWriter out = spec.commandLine().getOut();
        if (!waitForIt && downloads.isEmpty()) {
            out.println(id); // alone on the line, for scripts
            out.flush();
            spec.commandLine().getErr().println("once it is done (see pyrometer profiles): pyrometer get " + id
                    + " -o flame.html");
            spec.commandLine().getErr().flush();
            return 0;
        }
        boolean terminal = spec.root().userObject() instanceof Terminal t && t.interactive();
        JsonFields done = new ProfileWatch(api, new ProgressDisplay(out, terminal)).await(id);
        out.println("profile " + id + " done: " + done.text("samples") + " samples, engine "
                + (done.has("engine") ? done.text("engine") : done.text("event")));
        for (Download d : downloads) {
            d.fetch(api, id);
            out.println("wrote " + d.file());
        }
        out.flush();
        return 0;
    }
}
