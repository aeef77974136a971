package dev.pyrometer.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.FailureHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line refuses to run without a token and says where one goes. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        var cmd = FailureHandler.install(new CommandLine(new ControllerMain()));
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        return cmd.execute(args);
    }

    @Test
    void emptyTokenFileIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        var err = new StringWriter();
        assertEquals(2, run(err, "serve", "--port", "0", "--data", dir.toString(), "--token-file", empty.toString()));
        assertTrue(err.toString().contains("is empty"), err.toString());
    }

    @Test
    void missingTokenFileIsNamed() {
        var err = new StringWriter();
        assertEquals(4, run(err, "serve", "--port", "0", "--data", dir.toString(), "--token-file",
                dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("--token-file"), err.toString());
    }

    @Test
    void helpListsTheOptions() {
        var out = new StringWriter();
        var cmd = FailureHandler.install(new CommandLine(new ControllerMain()));
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("serve", "--help"));
        assertTrue(out.toString().contains("--token-file") && out.toString().contains("PYROMETER_TOKEN"), out.toString());
    }
}
