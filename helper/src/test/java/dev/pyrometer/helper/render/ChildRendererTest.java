package dev.pyrometer.helper.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders through a real child JVM, as the daemon does, and checks what it wrote and how it fails. */
class ChildRendererTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryOutputWithTheTitle() throws IOException {
        Path in = Files.writeString(dir.resolve("in.collapsed"), "main;work;spin 5\nmain;work;wait 3\n");
        Path html = dir.resolve("graph.html");
        Path collapsed = dir.resolve("out.collapsed");
        ChildRenderer.sameAsThisJvm().render(List.of(in), List.of(html, collapsed), "-JVM 42 cpu");
        assertEquals(List.of("main;work;spin 5", "main;work;wait 3"), Files.readAllLines(collapsed));
        assertTrue(Files.readString(html).contains("\"-JVM 42 cpu\""), "the title, though it starts with '-'");
        try (var left = Files.list(dir)) {
            assertEquals(3, left.count(), "nothing but the input and the two outputs");
        }
    }

    @Test
    void failsWithTheRenderersOwnWords() {
        IOException e = assertThrows(IOException.class, () -> ChildRenderer.sameAsThisJvm()
                .render(List.of(dir.resolve("missing.jfr")), List.of(dir.resolve("graph.html")), "t"));
        assertTrue(e.getMessage().contains("missing.jfr: no such file"), e.getMessage());
    }
}
