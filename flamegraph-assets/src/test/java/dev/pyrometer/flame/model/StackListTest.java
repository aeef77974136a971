package dev.pyrometer.flame.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.flame.render.CollapsedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parse into rows sorted into a tree must give the tree a parse with a lookup per frame gives,
 * node for node once both are written out, and number it in pre-order with siblings by name.
 */
class StackListTest {

    /** Stacks built from earlier ones' prefixes, with repeated lines, lines that are prefixes of others, zero counts and deep recursion. */
    private static String stacks(long seed, int lines) {
        Random random = new Random(seed);
        String[][] made = new String[lines][];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String[] stack;
            int pick = random.nextInt(10);
            if (i > 0 && pick == 0) {
                stack = made[random.nextInt(i)];
            } else if (i > 0 && pick == 1) {
                String[] earlier = made[random.nextInt(i)];
                stack = java.util.Arrays.copyOf(earlier, 1 + random.nextInt(earlier.length));
            } else if (pick == 2) {
                stack = new String[300 + random.nextInt(2000)];
                java.util.Arrays.fill(stack, "Rec.curse_[j]");
            } else {
                int keep = i == 0 ? 0 : random.nextInt(made[random.nextInt(i)].length + 1);
                String[] earlier = i == 0 ? new String[0] : made[random.nextInt(i)];
                keep = Math.min(keep, earlier.length);
                stack = new String[keep + 1 + random.nextInt(25)];
                System.arraycopy(earlier, 0, stack, 0, keep);
                for (int d = keep; d < stack.length; d++) {
                    // Every length from 1 to 40 bytes, so each tail of an 8-byte word is hashed.
                    int n = (int) Math.abs(random.nextGaussian() * 60);
                    stack[d] = "p/C".repeat(1 + n % 13) + n + (n % 5 == 0 ? "_[i]" : "");
                }
            }
            made[i] = stack;
            sb.append(String.join(";", stack)).append(' ').append(random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(1000)).append('\n');
        }
        return sb.toString();
    }

    private static FlameTree byLookup(String text, boolean lenient) throws IOException {
        FlameTree tree = new FlameTree(new FrameTable());
        new CollapsedParser(tree, lenient).parse(in(text), "t.collapsed");
        return tree;
    }

    private static CollapsedParser byRows(String text, boolean lenient) throws IOException {
        return byRows(text, lenient, 1 << 30);
    }

    private static CollapsedParser byRows(String text, boolean lenient, long maxRowBytes) throws IOException {
        CollapsedParser parser = new CollapsedParser(new FrameTable(), 16, maxRowBytes, lenient);
        parser.parseSelf(in(text), "t.collapsed");
        return parser;
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String written(FlameTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CollapsedWriter.write(tree, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void rowsGiveTheTreeALookupPerFrameGives(long seed) throws IOException {
        String text = stacks(seed, 3000);
        FlameTree expected = byLookup(text, false);
        CollapsedParser parser = byRows(text, false);
        FlameTree tree = parser.sortedTree();
        assertTrue(tree.sortedPreorder());
        assertEquals(expected.samples(), tree.samples());
        assertInPreorderByName(tree);
        // Both trees hold only nodes with samples under them; a line of 0 samples adds nothing.
        tree.recomputeTotals();
        assertEquals(written(expected), written(tree));
        assertEquals(expected.maxDepth(), tree.maxDepth());
        // Each name once, whether it was read in the middle of a line (hashed as it is scanned) or
        // at its end (hashed once its count is cut off).
        long names = text.lines().flatMap(l -> java.util.Arrays.stream(l.substring(0, l.lastIndexOf(' ')).split(";")))
                .distinct().count();
        assertEquals(names, tree.frames().size());
        assertEquals(names, expected.frames().size());
    }

    /**
     * Rows past their room (deep recursion in a large file) become a tree that the rest of the
     * input is looked up in: the same tree, no longer numbered in pre-order.
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void rowsPastTheirRoomGoOnAsATree(long seed) throws IOException {
        String text = stacks(seed, 3000);
        FlameTree expected = byLookup(text, false);
        FlameTree tree = byRows(text, false, 64 << 10).sortedTree();
        assertEquals(expected.samples(), tree.samples());
        tree.recomputeTotals();
        assertEquals(written(expected), written(tree));
        assertEquals(expected.maxDepth(), tree.maxDepth());
    }

    /** Node numbers follow a walk that visits siblings in name order; every subtree is a run of numbers. */
    private static void assertInPreorderByName(FlameTree tree) {
        int[] rank = tree.frames().rankByName();
        int[] subtreeEnd = new int[tree.size()];
        for (int v = tree.size() - 1; v >= 0; v--) {
            subtreeEnd[v] = Math.max(subtreeEnd[v], v + 1);
            if (v > 0) {
                int p = tree.parent(v);
                assertTrue(p < v, "parent before child at " + v);
                subtreeEnd[p] = Math.max(subtreeEnd[p], subtreeEnd[v]);
            }
        }
        for (int v = 1; v < tree.size(); v++) {
            int p = tree.parent(v);
            if (v > p + 1) {
                // v follows the subtree of its previous sibling, whose name ranks lower.
                int sibling = p + 1;
                while (subtreeEnd[sibling] < v) {
                    sibling = subtreeEnd[sibling];
                }
                assertEquals(v, subtreeEnd[sibling], "siblings adjacent at " + v);
                assertTrue(rank[tree.frame(sibling)] < rank[tree.frame(v)], "siblings in name order at " + v);
            }
        }
    }

    @Test
    void lenientRowsSkipWhatALookupParseSkips() throws IOException {
        String text = "a;b 5\nbroken\na;;c 3\na;c 7\n;x 1\nx;y; 2\nx;y 4\n";
        FlameTree expected = byLookup(text, true);
        CollapsedParser parser = byRows(text, true);
        FlameTree tree = parser.sortedTree();
        tree.recomputeTotals();
        assertEquals(written(expected), written(tree));
        assertEquals(4, parser.skipped());
        assertEquals("t.collapsed:2: the line does not end with a sample count", parser.firstProblem());
    }

    @Test
    void aMalformedLineStopsARowParseWithItsLine() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> byRows("a;b 1\n\na;;b 2\n", false));
        assertTrue(failure.getMessage().startsWith("t.collapsed:3: frame 2 is empty"), failure.getMessage());
    }

    @Test
    void samplesPastALongAreAnErrorNamingTheLine() {
        String text = "a 1000000000000000\n".repeat(9300);
        CommandFailure failure = assertThrows(CommandFailure.class, () -> byRows(text, false));
        assertTrue(failure.getMessage().startsWith("t.collapsed:9224: the sample counts add up to more than"),
                failure.getMessage());
    }
}
