package dev.pyrometer.client;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real artifacts for a simulated helper to upload: folded stacks, and the flame graph the real renderer draws of them. */
final class Stacks {
    private Stacks() {
    }

    static byte[] collapsed(String hotFrame) {
        return collapsed(hotFrame, 90, 10);
    }

    /** {@code hot} samples in {@code hotFrame} and {@code rest} in an idle loop beside it. */
    static byte[] collapsed(String hotFrame, int hot, int rest) {
        return ("java.lang.Thread.run;com.example.Main.loop;" + hotFrame + " " + hot + "\n"
                + "java.lang.Thread.run;com.example.Main.loop;com.example.Main.idle " + rest + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] html(byte[] collapsed, Path scratch) throws IOException {
        Path in = Files.write(scratch.resolve("in-" + System.nanoTime() + ".collapsed"), collapsed);
        Path out = scratch.resolve("rendered-" + System.nanoTime() + ".html");
        FlameGraphs.render(List.of(in), List.of(out), RenderOptions.defaults());
        return Files.readAllBytes(out);
    }

    /** Bytes the controller keeps as they are; it never parses a recording it has the stacks of. */
    static byte[] recording(String id) {
        return ("recording of " + id).getBytes(StandardCharsets.UTF_8);
    }
}
