package dev.pyrometer.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.cli.ExitCodes;
import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollapsedParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no count                    | a;b;c                | does not end with a sample count
            count glued to a frame      | a;b;c12              | does not end with a space and a sample count
            count only                  | 12                   | has a count but no frames
            blank frames before count   | '   12'              | has a count but no frames
            negative count              | a;b -3               | does not end with a space and a sample count
            fractional count            | a;b 1.5              | does not end with a space and a sample count
            trailing garbage            | a;b 12 x             | does not end with a sample count
            empty frame in the middle   | a;;b 1               | frame 2 is empty
            leading semicolon           | ;a 1                 | frame 1 is empty
            trailing semicolon          | a; 1                 | frame 2 is empty
            count above 10^15           | a;b 1000000000000001 | above 10^15
            count with 20 digits        | a;b 99999999999999999999 | above 10^15
            """)
    void malformedLineIsAnErrorNamingFileAndLine(String what, String line, String problem) {
        String input = "ok;frame 1\n\n" + line + "\nok;frame 2\n";
        CommandFailure failure = assertThrows(CommandFailure.class, () -> Stacks.parse(input));
        assertEquals(ExitCodes.INPUT, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("test.collapsed:3: "), failure.getMessage());
        assertTrue(failure.getMessage().contains(problem), failure.getMessage());
        assertTrue(failure.getMessage().contains("--lenient"), failure.getMessage());
    }

    @Test
    void lenientSkipsAndCountsMalformedLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mixed.collapsed");
        Files.writeString(file, "a;b 5\nbroken\na;;c 3\na;c 7\n");
        var loaded = FlameGraphs.read(List.of(file), true);
        assertEquals(2, loaded.skipped());
        assertEquals(12, loaded.tree().samples());
        assertTrue(loaded.firstProblem().startsWith(file + ":2: "), loaded.firstProblem());
        assertTrue(FlameGraphs.skippedWarning(loaded).startsWith("warning: skipped 2 malformed lines"));
    }

    @Test
    void missingFileIsAnInputError(@TempDir Path dir) {
        CommandFailure failure = assertThrows(CommandFailure.class,
                () -> FlameGraphs.read(List.of(dir.resolve("nope.collapsed")), false));
        assertEquals(ExitCodes.INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("nope.collapsed: no such file"));
    }

    @Test
    void crlfBlankLinesTabsAndUtf8() throws IOException {
        FlameTree tree = Stacks.parse("\r\nmain;Größe.berechne 3\r\n\r\n  \nmain;Größe.berechne 2\r\nmain\t4\r\n");
        assertEquals(9, tree.samples());
        int main = tree.childAt(FlameTree.ROOT, 0);
        assertEquals("main", tree.frames().name(tree.frame(main)));
        assertEquals(4, tree.self(main));
        assertEquals("Größe.berechne", tree.frames().name(tree.frame(tree.childAt(main, 0))));
    }

    @Test
    void namesKeepSpacesAndMarkupCharacters() throws IOException {
        FlameTree tree = Stacks.parse("Thread [main tid=1];a<b>&\"c\"'d' f(x, y) 10\n");
        int thread = tree.childAt(FlameTree.ROOT, 0);
        assertEquals("Thread [main tid=1]", tree.frames().name(tree.frame(thread)));
        assertEquals("a<b>&\"c\"'d' f(x, y)", tree.frames().name(tree.frame(tree.childAt(thread, 0))));
    }

    @Test
    void kindSuffixesAreStrippedAndKept() throws IOException {
        FlameTree tree = Stacks.parse("A.a_[j];B.b_[i];C.c_[0];D.d_[1];do_syscall_[k];malloc;JVM::run 1\n");
        FrameKind[] expected = {FrameKind.JIT, FrameKind.INLINED, FrameKind.INTERPRETED, FrameKind.C1,
            FrameKind.KERNEL, FrameKind.NATIVE, FrameKind.CPP};
        String[] names = {"A.a", "B.b", "C.c", "D.d", "do_syscall", "malloc", "JVM::run"};
        int node = FlameTree.ROOT;
        for (int i = 0; i < expected.length; i++) {
            node = tree.childAt(node, 0);
            assertEquals(names[i], tree.frames().name(tree.frame(node)));
            assertEquals(expected[i], tree.frames().kind(tree.frame(node)));
        }
        String collapsed = Stacks.render(tree, OutputFormat.COLLAPSED, RenderOptions.defaults());
        assertEquals("A.a_[j];B.b_[i];C.c_[0];D.d_[1];do_syscall_[k];malloc;JVM::run 1\n", collapsed);
    }

    @Test
    void countsUpTo10To15AreExact() throws IOException {
        FlameTree tree = Stacks.parse("a;b 1000000000000000\na;c 999999999999999\n");
        assertEquals(1_999_999_999_999_999L, tree.samples());
    }

    @Test
    void longLinesAndRecursionThousandsDeep() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append(i == 0 ? "" : ";").append("com/example/Recursive.descend");
        }
        String deep = sb.toString();
        FlameTree tree = Stacks.parse(deep + " 3\n" + deep + ";leaf 2\n");
        assertEquals(5001, tree.maxDepth());
        assertEquals(5, tree.samples());
        String collapsed = Stacks.render(tree, OutputFormat.COLLAPSED, RenderOptions.defaults());
        assertEquals(deep + " 3\n" + deep + ";leaf 2\n", collapsed);
        String svg = Stacks.render(tree, OutputFormat.SVG, RenderOptions.defaults());
        assertTrue(svg.contains("leaf (2 samples, 40%)"));
        Stacks.render(tree, OutputFormat.HTML, RenderOptions.defaults());
        Stacks.render(dev.pyrometer.flame.model.TreeTransforms.reverse(tree), OutputFormat.COLLAPSED, RenderOptions.defaults());
    }

    @Test
    void aLineLongerThanTheReadBuffer() throws IOException {
        String name = "x".repeat(3 << 20);
        FlameTree tree = Stacks.parse("a;" + name + " 4\n");
        assertEquals(4, tree.samples());
        assertEquals(name.length(), tree.frames().nameLength(tree.frame(tree.childAt(tree.childAt(FlameTree.ROOT, 0), 0))));
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
        assertEquals(7, Stacks.parse("a 3\nb 4").samples());
    }
}
