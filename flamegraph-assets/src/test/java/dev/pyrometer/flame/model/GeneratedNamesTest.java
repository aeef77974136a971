package dev.pyrometer.flame.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.flame.Change;
import dev.pyrometer.flame.DiffOptions;
import dev.pyrometer.flame.FlameGraphs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names the JVM makes up per process compare equal across JVMs; every other name is left alone. */
class GeneratedNamesTest {

    @Test
    void runTimeNamesLoseTheirCounterAndAddress() {
        assertEquals("Shop$$Lambda.run_[j]", GeneratedNames.normalize("Shop$$Lambda$1.0x00007f3fcc000a08.run_[j]"));
        assertEquals("Shop$$Lambda.run", GeneratedNames.normalize("Shop$$Lambda$14/0x0000000800c01234.run"));
        assertEquals("Shop$$Lambda.run", GeneratedNames.normalize("Shop$$Lambda/0x000001f8c1003c00.run"));
        assertEquals("java/lang/invoke/LambdaForm$MH.invoke",
                GeneratedNames.normalize("java/lang/invoke/LambdaForm$MH/0x0000000800c10400.invoke"));
        assertEquals("java.lang.invoke.LambdaForm$DMH.invokeStatic",
                GeneratedNames.normalize("java.lang.invoke.LambdaForm$DMH.0x00007f3fcc00d800.invokeStatic"));
        assertEquals("jdk.proxy2.$Proxy.handle", GeneratedNames.normalize("jdk.proxy2.$Proxy12.handle"));
        assertEquals("jdk.internal.reflect.GeneratedMethodAccessor.invoke",
                GeneratedNames.normalize("jdk.internal.reflect.GeneratedMethodAccessor42.invoke"));
        assertEquals("a$$Lambda.x;b", GeneratedNames.normalize("a$$Lambda$3.0xabc.x;b"));
        for (String kept : List.of("com/example/Shop.checkout", "Shop$Inner.run", "Hex.parse0x", "os::javaTimeNanos",
                "Accessor.get", "Foo$$Lambda$.run")) {
            assertEquals(kept, GeneratedNames.normalize(kept));
        }
    }

    /** Two JVMs running the same code: a comparison finds nothing changed, nothing only on one side. */
    @Test
    void theSameCodeInTwoJvmsComparesEqual(@TempDir Path dir) throws IOException {
        String first = "main;Shop$$Lambda$1.0x00007f3fcc000a08.run;Shop.checkout 70\nmain;Shop$$Lambda$1.0x00007f3fcc000a08.run 5\n"
                + "main;jdk.proxy2.$Proxy12.handle;Shop.price 25\n";
        String second = "main;Shop$$Lambda$7.0x00007f7ba0000a08.run;Shop.checkout 70\nmain;Shop$$Lambda$7.0x00007f7ba0000a08.run 5\n"
                + "main;jdk.proxy2.$Proxy31.handle;Shop.price 25\n";
        List<Change> inMemory = FlameGraphs.diff(List.of(parse(first)), List.of(parse(second)), DiffOptions.defaults())
                .changes();
        assertNoChange(inMemory);
        Path a = Files.writeString(dir.resolve("a.collapsed"), first);
        Path b = Files.writeString(dir.resolve("b.collapsed"), second);
        assertNoChange(FlameGraphs.diff(List.of(a), List.of(b), dir.resolve("d.html"), DiffOptions.defaults()));
        String html = Files.readString(dir.resolve("d.html"));
        assertTrue(html.contains("Shop$$Lambda.run") && !html.contains("0x00007f"), "one lambda frame, no address");
    }

    @Test
    void aTreeWithoutRunTimeNamesIsReturnedAsItIs() throws IOException {
        FlameTree tree = parse("main;work 3\n");
        assertSame(tree, GeneratedNames.normalized(tree));
    }

    private static void assertNoChange(List<Change> changes) {
        assertTrue(!changes.isEmpty());
        for (Change c : changes) {
            assertEquals(0, c.deltaPct(), 1e-9, c.toString());
            assertEquals(c.baseTotalPct(), c.newTotalPct(), 1e-9, c.toString());
        }
    }

    private static FlameTree parse(String text) throws IOException {
        return FlameGraphs.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", false);
    }
}
