package dev.pyrometer.client.fleet;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.output.Formats;
import dev.pyrometer.client.output.JsonOption;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.util.HashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jvms}: the JVMs the helpers last reported, with what it takes to pick one to profile. */
@Command(name = "jvms", mixinStandardHelpOptions = true,
        description = "Lists the JVMs on every host (or one with --host): CPU %%, RSS, app and release, attachable.")
public final class JvmsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption output;

    @Option(names = "--host", paramLabel = "HOST", description = "Only the JVMs of this host.")
    String host;

    @Override
    public Integer call() {
        var query = new HashMap<String, String>();
        query.put("host", host);
        String json = ConnectionOptions.of(spec).connect().get("/api/v1/jvms", query);
        Listing.print(spec.commandLine().getOut(), output.json, json, jvms -> {
            var table = new Table("HOST", "PID>", "APP", "RELEASE", "MAIN CLASS", "JDK", "CPU%>", "RSS>", "UPTIME>",
                    "ATTACHABLE");
            jvms.forEach(j -> table.row(j.text("host") + ("offline".equals(j.text("host_status")) ? " (offline)" : ""),
                    j.text("pid"), j.text("app"), j.text("release"), shortName(j.text("main_class")),
                    j.text("jdk_version"),
                    Formats.percent(j.number("cpu_percent", Double.NaN)),
                    j.has("rss_bytes") ? Formats.bytes(j.number("rss_bytes", -1)) : "",
                    Formats.age((long) j.number("uptime_ms", -1)),
                    j.flag("attachable") ? "yes" : "no" + (j.has("not_attachable_reason")
                            ? ": " + j.text("not_attachable_reason") : "")));
            return table;
        }, host == null ? "no JVMs reported by any helper" : "no JVMs reported by host " + host);
        return 0;
    }

    /** A JVM started with -jar reports the jar's path; its file name says as much in a narrower column. */
    private static String shortName(String mainClass) {
        return mainClass.substring(mainClass.lastIndexOf('/') + 1);
    }
}
