package dev.pyrometer.helper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class HelperMainTest {

    /** A subcommand built alone (the fast start) must accept exactly what it accepts in the tree. */
    @Test
    void eachSubcommandAloneMatchesTheTree() {
        CommandLine tree = HelperMain.commandLine();
        assertEquals(List.of("jvms", "profile", "serve", "render", "diff"), List.copyOf(tree.getSubcommands().keySet()));
        tree.getSubcommands().forEach((name, inTree) -> {
            CommandSpec alone = HelperMain.subcommandLine(name).getCommandSpec();
            assertEquals(shape(inTree.getCommandSpec()), shape(alone), name);
            assertEquals("pyrometer-helper " + name, alone.qualifiedName(), name);
        });
    }

    @Test
    void usageErrorsOfASubcommandAloneNameTheWholeCommandAndExitTwo() {
        CommandLine render = HelperMain.subcommandLine("render");
        StringWriter err = new StringWriter();
        render.setErr(new PrintWriter(err));
        assertEquals(2, render.execute("in.collapsed"));
        assertTrue(err.toString().contains("Missing required option: '--output=FILE'"), err.toString());
        assertTrue(err.toString().contains("Usage: pyrometer-helper render"), err.toString());
        assertTrue(err.toString().contains("Exit codes:"), err.toString());
    }

    private static String shape(CommandSpec spec) {
        String options = spec.options().stream()
                .map(o -> String.join("|", o.names()) + ":" + o.arity() + ":" + o.required())
                .sorted().collect(Collectors.joining(","));
        String positionals = spec.positionalParameters().stream()
                .map(p -> p.paramLabel() + ":" + p.arity()).collect(Collectors.joining(","));
        return options + " / " + positionals;
    }
}
