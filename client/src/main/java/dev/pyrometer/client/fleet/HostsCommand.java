package dev.pyrometer.client.fleet;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.output.Formats;
import dev.pyrometer.client.output.JsonOption;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hosts}: every host whose helper ever connected, online or not. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Lists the hosts whose helper connected to the controller, online or offline.")
public final class HostsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        String json = ConnectionOptions.of(spec).connect().get("/api/v1/hosts");
        Instant now = Instant.now();
        Listing.print(spec.commandLine().getOut(), output.json, json, hosts -> {
            var table = new Table("HOST", "STATUS", "JVMS>", "CORES>", "MEMORY>", "HELPER", "LAST SEEN");
            hosts.forEach(h -> table.row(h.text("host"), h.text("status"), h.text("jvm_count"), h.text("cores"),
                    h.has("mem_total_bytes") ? Formats.bytes(h.number("mem_total_bytes", -1)) : "",
                    h.text("helper_version"),
                    "online".equals(h.text("status")) ? "now" : Formats.since(h.text("last_seen"), now) + " ago"));
            return table;
        }, "no hosts yet: no helper has connected to this controller");
        return 0;
    }
}
