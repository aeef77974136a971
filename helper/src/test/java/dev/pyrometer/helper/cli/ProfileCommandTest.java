package dev.pyrometer.helper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.ExitCodes;
import dev.pyrometer.helper.profile.ProfileRequest;
import dev.pyrometer.helper.profile.RequestCheck;
import dev.pyrometer.helper.testing.TargetProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: bad parameters never reach a target; a good run says what ran. */
class ProfileCommandTest {

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {
    }

    private Run execute(String... args) {
        CommandLine cmd = HelperMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyParameterIsCheckedBeforeTheTargetIsLookedAt() throws Exception {
        // A sleep would die of a SIGQUIT: none of these may get that far, whatever the pid.
        try (TargetProcess sleep = TargetProcess.startAndAwaitReady(List.of("sleep", "600"), null)) {
            String pid = Long.toString(sleep.pid());
            String jfr = work.resolve("x.jfr").toString();
            for (String[] bad : List.of(
                    new String[] {"--event", "cycles", "-o", jfr},
                    new String[] {"--duration", "0s", "-o", jfr},
                    new String[] {"--duration", "2h", "-o", jfr},
                    new String[] {"--duration", "ten", "-o", jfr},
                    new String[] {"--interval", "10us", "-o", jfr},
                    new String[] {"--interval", "5s", "-o", jfr},
                    new String[] {"-o", work.resolve("x.png").toString()},
                    new String[] {"-o", work.resolve("missing-dir/x.jfr").toString()},
                    new String[] {"-o", jfr, "-o", jfr})) {
                List<String> args = new ArrayList<>(List.of("profile", "--pid", pid));
                args.addAll(List.of(bad));
                Run run = execute(args.toArray(String[]::new));
                assertEquals(ExitCodes.USAGE, run.exit(), String.join(" ", bad) + ": " + run.err());
                assertTrue(run.err().startsWith("error: ") && run.err().strip().lines().count() == 1,
                        "one line: " + run.err());
            }
            Run run = execute("profile", "--pid", pid, "-o", jfr);
            assertEquals(ExitCodes.TARGET, run.exit());
            assertTrue(run.err().contains("not a HotSpot JVM"), run.err());
            assertTrue(sleep.isAlive());
        }
    }

    @Test
    void profileReportsEngineAttachTimeAndFiles() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "2")) {
            Path jfr = work.resolve("p.jfr");
            Run run = execute("profile", "--pid", Long.toString(target.pid()), "--duration", "1s", "-o", jfr.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("engine: "), run.out());
            assertTrue(run.out().contains("attach: "), run.out());
            assertTrue(run.out().contains("wrote " + jfr), run.out());
            assertTrue(Files.size(jfr) > 0);
        }
    }

    @Test
    void jvmsListsJsonWithATypeField() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of(), "1")) {
            Run run = execute("jvms", "--json");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("\"pid\":" + target.pid() + ","), run.out());
            assertTrue(run.out().contains("\"type\":\"jvm\""), run.out());
            Run table = execute("jvms");
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith(target.pid() + " ")), table.out());
        }
    }

    @Test
    void fastPathReadsArgumentsExactlyAsPicocliDoes() {
        String jfr = work.resolve("a.jfr").toString();
        String html = work.resolve("a.html").toString();
        for (String[] args : List.of(
                new String[] {"profile", "--pid", "42", "-o", jfr},
                new String[] {"profile", "--pid=42", "--duration=3s", "--event=wall", "-o", jfr, "--output", html},
                new String[] {"profile", "-o", jfr, "--interval", "1ms", "--title", "a b", "--pid", "7", "--event", "alloc"})) {
            ProfileRequest fast = ProfileFastPath.parse(args).orElseThrow();
            CommandLine cmd = HelperMain.commandLine();
            ProfileCommand parsed = cmd.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
            ProfileRequest slow = new ProfileRequest(parsed.pid, RequestCheck.parseDuration(parsed.duration),
                    parsed.event, RequestCheck.parseDuration(parsed.interval), parsed.title, List.copyOf(parsed.outputs));
            assertEquals(slow, fast, String.join(" ", args));
        }
        // Whatever the fast path does not know goes to picocli, which explains it.
        for (String[] args : List.of(new String[] {"profile", "--help"}, new String[] {"profile", "--pid", "x", "-o", jfr},
                new String[] {"profile", "--pid", "1"}, new String[] {"profile", "--verbose", "--pid", "1", "-o", jfr},
                new String[] {"profile", "--pid"}, new String[] {"profile", "--pid", "1", "-o", "a\0b.jfr"})) {
            assertTrue(ProfileFastPath.parse(args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void helpListsTheExitCodes() {
        Run run = execute("profile", "--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("--event"), run.out());
    }
}
