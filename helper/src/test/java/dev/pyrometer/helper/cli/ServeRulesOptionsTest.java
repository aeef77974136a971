package dev.pyrometer.helper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --rules} and {@code --max-rule-profiles}: refused at start-up, before connecting, with one line. */
class ServeRulesOptionsTest {
    @TempDir
    Path dir;

    private String refusal(String... extra) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t0ken");
        CommandLine cmd = HelperMain.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        String[] base = {"serve", "--controller", "http://127.0.0.1:9/", "--token-file", token.toString(), "--host", "h"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        int exit = cmd.execute(args);
        assertEquals(2, exit, "a usage error: " + err);
        return err.toString();
    }

    @Test
    void aBadRulesFileStopsServeNamingTheRuleAndTheField() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"),
                "[{\"id\":\"hot\",\"cpu_percent\":150,\"for\":\"10s\",\"duration\":\"30s\",\"cooldown\":\"1s\"}]");
        String err = refusal("--rules", rules.toString());
        assertTrue(err.contains("rule #1 ('hot'): field 'cooldown' must be a duration from 30s"), err);
        assertTrue(err.contains("leave out --rules"), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertTrue(!err.contains("t0ken"), "never the token");
    }

    @Test
    void theCapMustBeSensible() throws Exception {
        assertTrue(refusal("--max-rule-profiles", "0").contains("--max-rule-profiles must be from 1 to 64"));
    }
}
