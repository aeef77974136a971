package dev.pyrometer.controller;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real flame graphs for tests, drawn by the renderer the helper uses, from a few collapsed stacks. */
final class TestFlameGraph {
    private TestFlameGraph() {
    }

    static byte[] collapsed(String hotFrame) {
        return ("java.lang.Thread.run;com.example.Main.loop;" + hotFrame + " 90\n"
                + "java.lang.Thread.run;com.example.Main.loop;com.example.Main.idle 10\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] html(String hotFrame) {
        try {
            Path dir = Files.createTempDirectory("flame");
            Path in = Files.write(dir.resolve("in.collapsed"), collapsed(hotFrame));
            Path out = dir.resolve("flamegraph.html");
            FlameGraphs.render(List.of(in), List.of(out), RenderOptions.defaults());
            byte[] html = Files.readAllBytes(out);
            Files.delete(in);
            Files.delete(out);
            Files.delete(dir);
            return html;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
