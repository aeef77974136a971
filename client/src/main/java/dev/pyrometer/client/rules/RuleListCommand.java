package dev.pyrometer.client.rules;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.output.JsonOption;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.client.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the automatic profiling rules.")
public final class RuleListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        String json = ConnectionOptions.of(spec).connect().forFeature("rules").get("/api/v1/rules");
        Listing.print(spec.commandLine().getOut(), output.json, json, rules -> {
            var table = new Table("ID", "APP", "CPU%>", "FOR>", "DURATION>", "EVENT", "COOLDOWN>");
            rules.forEach(r -> table.row(r.text("id"), r.has("app") ? r.text("app") : "(any)", r.text("cpu_percent"),
                    r.text("for"), r.text("duration"), r.text("event"), r.text("cooldown")));
            return table;
        }, "no rules; create one with 'pyrometer rules create --cpu-percent 90 --for 10s'");
        return 0;
    }
}
