package dev.pyrometer.flame.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyrometer.cli.ExitCodes;
import dev.pyrometer.cli.FailureHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code render} and {@code diff} commands as a user runs them: flags in, files and exit codes out. */
class CommandsTest {
    static final Path CORPUS = Path.of("../../shared/corpus");

    @Command(name = "test", subcommands = {RenderCommand.class, DiffCommand.class})
    static final class Top {
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = FailureHandler.install(new CommandLine(new Top()));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** An empty graph says why: nothing in the input, or nothing left by the filters. */
    @Test
    void anEmptyGraphSaysWhy(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.collapsed"), "main;work 3\n");
        Path empty = Files.writeString(dir.resolve("empty.collapsed"), "\n");
        String out = dir.resolve("g.svg").toString();
        Run filtered = run("render", in.toString(), "-o", out, "--include", "nothing-like-this");
        assertEquals(0, filtered.exit(), filtered.err());
        assertTrue(filtered.err().contains("no stack is left after --include/--exclude"), filtered.err());
        Run nothing = run("render", empty.toString(), "-o", out);
        assertEquals(0, nothing.exit(), nothing.err());
        assertTrue(nothing.err().contains("the input holds no samples"), nothing.err());
    }

    @Test
    void sampleCountsAreGroupedByThousands() {
        assertEquals("0", RenderCommand.grouped(0));
        assertEquals("999", RenderCommand.grouped(999));
        assertEquals("1,000", RenderCommand.grouped(1000));
        assertEquals("100,858", RenderCommand.grouped(100_858));
        assertEquals("1,000,000,000,000,000", RenderCommand.grouped(1_000_000_000_000_000L));
        assertEquals("-12,345", RenderCommand.grouped(-12_345));
        assertEquals(String.format(java.util.Locale.ENGLISH, "%,d", Long.MAX_VALUE), RenderCommand.grouped(Long.MAX_VALUE));
        assertEquals(String.format(java.util.Locale.ENGLISH, "%,d", Long.MIN_VALUE), RenderCommand.grouped(Long.MIN_VALUE));
    }

    @Test
    void renderWritesEveryOutputAndSaysWhat(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("a.collapsed");
        Files.writeString(in, "main;work 3\nmain;idle 1\n");
        Path in2 = dir.resolve("b.collapsed");
        Files.writeString(in2, "main;work 6\n");
        Run run = run("render", in.toString(), in2.toString(), "-o", dir.resolve("g.svg").toString(),
                "-o", dir.resolve("g.html").toString(), "-o", dir.resolve("g.collapsed").toString(),
                "--title", "T", "--subtitle", "S", "--exclude", "idle");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("9 samples in 3 stacks"), run.out());
        assertEquals("main;work 9\n", Files.readString(dir.resolve("g.collapsed")));
        assertTrue(Files.readString(dir.resolve("g.svg")).contains("<text id=\"subtitle\" x=\"600\" y=\"42\">S</text>"));
        assertTrue(Files.readString(dir.resolve("g.html")).contains("var TITLE = \"T\";"));
    }

    @Test
    void malformedInputExitsWithInputStatusAndNoStackTrace(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("bad.collapsed");
        Files.writeString(in, "ok 1\nnot a stack\n");
        Run run = run("render", in.toString(), "-o", dir.resolve("g.svg").toString());
        assertEquals(ExitCodes.INPUT, run.exit());
        assertEquals("error: " + in + ":2: the line does not end with a sample count; expected 'frame;frame;... COUNT'"
                + " (use --lenient to skip such lines)", run.err().strip());
        assertTrue(Files.notExists(dir.resolve("g.svg")), "no half-written output");
        Run lenient = run("render", in.toString(), "-o", dir.resolve("g.svg").toString(), "--lenient");
        assertEquals(0, lenient.exit(), lenient.err());
        assertEquals("warning: skipped 1 malformed line; the first: " + in + ":2: the line does not end with a sample count",
                lenient.err().strip());
    }

    @Test
    void usageErrors(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("a.collapsed");
        Files.writeString(in, "a 1\n");
        assertEquals(ExitCodes.USAGE, run("render", in.toString(), "-o", dir.resolve("x.png").toString()).exit());
        assertEquals(ExitCodes.USAGE, run("render", in.toString(), "-o", dir.resolve("x.svg").toString(), "--include", "(").exit());
        assertEquals(ExitCodes.USAGE, run("render", in.toString(), "-o", dir.resolve("x.svg").toString(), "--minwidth", "120").exit());
        assertEquals(ExitCodes.USAGE, run("render", in.toString()).exit());
        assertEquals(ExitCodes.USAGE, run("diff", in.toString(), in.toString(), "-o", dir.resolve("x.collapsed").toString()).exit());
    }

    @Test
    void sameWorkloadTwiceIsNotARegression(@TempDir Path dir) throws Exception {
        Path base = unpack(CORPUS.resolve("javac-cpu.collapsed.xz"), dir.resolve("javac.collapsed"));
        Path neu = unpack(CORPUS.resolve("javac-cpu-2.collapsed.xz"), dir.resolve("javac-2.collapsed"));
        Path report = dir.resolve("changes.json");
        Run run = run("diff", base.toString(), neu.toString(), "-o", dir.resolve("diff.html").toString(),
                "--report", report.toString(), "--top", "50");
        assertEquals(0, run.exit(), run.err());
        String json = Files.readString(report);
        assertTrue(json.startsWith("[\n  {\"frame\": "), json);
        assertEquals(50, json.split("\"significant\": ").length - 1);
        // Of ~11.6k frames, the two runs differ beyond noise in at most a couple of C2 compiler frames
        // (JIT work really differs between runs); nothing is called a regression.
        long flagged = json.split("\"significant\": true").length - 1;
        assertTrue(flagged <= 2, run.out());
        assertTrue(!run.out().contains("  +"), "a regression was flagged: " + run.out());
    }

    private static Path unpack(Path xz, Path out) throws Exception {
        assumeTrue(Files.isReadable(xz), "the shared corpus is not here");
        Process p = new ProcessBuilder("xz", "-dc", xz.toString()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "xz took over a minute");
        assertEquals(0, p.exitValue());
        return out;
    }
}
