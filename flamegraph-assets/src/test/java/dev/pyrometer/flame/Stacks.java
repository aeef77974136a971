package dev.pyrometer.flame;

import dev.pyrometer.flame.model.FlameTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small helpers for tests: parse text, render to a string, random stacks with a fixed seed. */
final class Stacks {
    private Stacks() {
    }

    static FlameTree parse(String collapsed) throws IOException {
        return parse(collapsed, false);
    }

    static FlameTree parse(String collapsed, boolean lenient) throws IOException {
        return FlameGraphs.parse(new ByteArrayInputStream(collapsed.getBytes(StandardCharsets.UTF_8)), "test.collapsed", lenient);
    }

    static String render(FlameTree tree, OutputFormat format, RenderOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlameGraphs.write(tree, format, options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Random Java-like stacks: a few hundred names, depth 1..maxDepth, counts 1..100. */
    static String random(long seed, int lines, int maxDepth) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int depth = 1 + random.nextInt(maxDepth);
            for (int d = 0; d < depth; d++) {
                if (d > 0) {
                    sb.append(';');
                }
                int name = (int) Math.abs(random.nextGaussian() * 40) + d;
                sb.append("com/example/C").append(name % 300).append(".m").append(name % 7);
                if (name % 11 == 0) {
                    sb.append("_[i]");
                }
            }
            sb.append(' ').append(1 + random.nextInt(100)).append('\n');
        }
        return sb.toString();
    }
}
