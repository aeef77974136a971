package dev.pyrometer.flame.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fast path must read a command line exactly as picocli reads the annotated commands, and
 * hand everything else to picocli.
 */
class GraphFastPathTest {

    private static final List<List<String>> RENDERS = List.of(
            List.of("render", "a.collapsed", "-o", "a.svg"),
            List.of("render", "a.collapsed", "b.jfr", "-o", "a.svg", "--output", "a.html", "--output=a.collapsed"),
            List.of("render", "-o", "x.svg", "in.collapsed", "--title", "checkout 1.5", "--subtitle=cpu, 30 s"),
            List.of("render", "in.collapsed", "-o", "x.html", "--reverse", "--lenient", "--minwidth", "0.5",
                    "--include", "Checkout.*", "--exclude=Idle|park"),
            List.of("render", "in.collapsed", "-o", "x.html", "--minwidth=12"),
            List.of("render", "in.collapsed", "-o", "x.html", "--title", ""));

    private static final List<List<String>> DIFFS = List.of(
            List.of("diff", "base.collapsed", "new.collapsed", "-o", "d.html"),
            List.of("diff", "base.jfr", "new.jfr", "--output=d.svg", "--report", "r.json", "--top", "5"),
            List.of("diff", "-o", "d.html", "b", "n", "--top=0", "--lenient", "--title", "1.4 vs 1.5", "--reverse",
                    "--minwidth", "1.25", "--include", "a", "--exclude", "b", "--subtitle", "s"));

    /** Left to picocli: help, unknown or repeated options, missing values, spellings it may read its own way. */
    private static final List<List<String>> NOT_PLAIN = List.of(
            List.of("render", "--help"),
            List.of("render", "-h"),
            List.of("render", "-V"),
            List.of("render", "a.collapsed"),
            List.of("render", "-o", "a.svg"),
            List.of("render", "a.collapsed", "-o"),
            List.of("render", "a.collapsed", "-oa.svg"),
            List.of("render", "a.collapsed", "-o", "a.svg", "--title", "x", "--title", "y"),
            List.of("render", "a.collapsed", "-o", "a.svg", "--minwidth", "1e-3"),
            List.of("render", "a.collapsed", "-o", "a.svg", "--minwidth", "-1"),
            List.of("render", "a.collapsed", "-o", "a.svg", "--lenient=true"),
            List.of("render", "a.collapsed", "-o", "a.svg", "--bogus"),
            List.of("render", "-", "-o", "a.svg"),
            List.of("render", "--", "-a.collapsed", "-o", "a.svg"),
            List.of("diff", "b", "n"),
            List.of("diff", "b", "-o", "d.html"),
            List.of("diff", "b", "n", "x", "-o", "d.html"),
            List.of("diff", "b", "n", "-o", "d.html", "-o", "e.html"),
            List.of("diff", "b", "n", "-o", "d.html", "--top", "0x10"),
            List.of("diff", "b", "n", "-o", "d.html", "--top", "-1"),
            List.of("diff", "b", "n", "-o", "d.html", "--report", "a", "--report", "b"),
            List.of("profile", "--pid", "1", "-o", "x.svg"),
            List.of("render", "a\0b.collapsed", "-o", "a.svg"),
            List.of());

    @Test
    void plainRenderLinesAreReadAsPicocliReadsThem() {
        for (List<String> line : RENDERS) {
            Optional<RenderCommand> fast = GraphFastPath.render(line.toArray(String[]::new));
            assertTrue(fast.isPresent(), "fast path for " + line);
            RenderCommand picocli = new RenderCommand();
            new CommandLine(picocli).parseArgs(line.subList(1, line.size()).toArray(String[]::new));
            assertEquals(describe(picocli), describe(fast.get()), line.toString());
        }
    }

    @Test
    void plainDiffLinesAreReadAsPicocliReadsThem() {
        for (List<String> line : DIFFS) {
            Optional<DiffCommand> fast = GraphFastPath.diff(line.toArray(String[]::new));
            assertTrue(fast.isPresent(), "fast path for " + line);
            DiffCommand picocli = new DiffCommand();
            new CommandLine(picocli).parseArgs(line.subList(1, line.size()).toArray(String[]::new));
            assertEquals(describe(picocli), describe(fast.get()), line.toString());
        }
    }

    @Test
    void anythingElseGoesToPicocli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        for (List<String> line : NOT_PLAIN) {
            assertEquals(Optional.empty(), GraphFastPath.run(line.toArray(String[]::new), new PrintWriter(out),
                    new PrintWriter(err)), line.toString());
        }
        assertEquals("", out + "" + err);
    }

    /** Every option the commands declare is one the fast path reads, and the other way round. */
    @Test
    void theFastPathKnowsTheDeclaredOptions() {
        assertEquals(declared(new RenderCommand()), new TreeSet<>(GraphFastPath.RENDER_OPTIONS));
        assertEquals(declared(new DiffCommand()), new TreeSet<>(GraphFastPath.DIFF_OPTIONS));
    }

    /** The same files and the same summary line, whichever path read the command. */
    @Test
    void bothPathsWriteTheSameGraphs(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.collapsed"), "main;work;hot 7\nmain;work 2\nmain;idle 1\n");
        String[] fastArgs = {"render", in.toString(), "-o", dir.resolve("fast.svg").toString(), "--title", "t"};
        StringWriter fastOut = new StringWriter();
        assertEquals(Optional.of(0), GraphFastPath.run(fastArgs, new PrintWriter(fastOut), new PrintWriter(new StringWriter())));
        StringWriter slowOut = new StringWriter();
        CommandLine slow = new CommandLine(new RenderCommand());
        slow.setOut(new PrintWriter(slowOut));
        assertEquals(0, slow.execute(in.toString(), "-o", dir.resolve("slow.svg").toString(), "--title", "t"));
        assertEquals(Files.readString(dir.resolve("slow.svg")), Files.readString(dir.resolve("fast.svg")));
        assertEquals(slowOut.toString().replace("slow.svg", "fast.svg"), fastOut.toString());
    }

    private static TreeSet<String> declared(Object command) {
        TreeSet<String> names = new TreeSet<>();
        new CommandLine(command).getCommandSpec().options().forEach(o -> names.addAll(Arrays.asList(o.names())));
        names.removeAll(List.of("-h", "--help", "-V", "--version"));
        return names;
    }

    private static String describe(RenderCommand c) {
        return c.inputs + " -> " + c.outputs + " " + describe(c.graph);
    }

    private static String describe(DiffCommand c) {
        return c.base + " vs " + c.neu + " -> " + c.output + " report " + c.report + " top " + c.top + " " + describe(c.graph);
    }

    private static String describe(GraphOptions g) {
        return "title=" + g.title + " subtitle=" + g.subtitle + " reverse=" + g.reverse + " minWidth=" + g.minWidth
                + " include=" + g.include + " exclude=" + g.exclude + " lenient=" + g.lenient;
    }
}
