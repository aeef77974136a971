package dev.pyrometer.client.rules;

import dev.pyrometer.client.connect.ConnectionOptions;
import dev.pyrometer.client.connect.PathSegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a rule; helpers stop applying it.")
public final class RuleDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "The rule's id, as 'pyrometer rules list' shows it.")
    String id;

    @Override
    public Integer call() {
        ConnectionOptions.of(spec).connect().forFeature("rules").delete("/api/v1/rules/" + PathSegment.of(id));
        spec.commandLine().getOut().println("deleted rule " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
