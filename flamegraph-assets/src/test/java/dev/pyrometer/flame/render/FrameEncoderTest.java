package dev.pyrometer.flame.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.model.FlameTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The frame string written in two parts on two threads is byte for byte the one-part string. */
class FrameEncoderTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 40", "4, 100"})
    void twoPartsEqualOnePart(long seed, long minTotal) throws IOException {
        FlameTree tree = FlameGraphs.parse(new ByteArrayInputStream(stacks(seed).getBytes(StandardCharsets.UTF_8)),
                "test.collapsed", false);
        int rootName = tree.frames().size();
        int[] nameIndex = new int[rootName + 1];
        for (int i = 0; i < nameIndex.length; i++) {
            nameIndex[i] = i;
        }
        tree.nameRank();
        FrameEncoder encoder = new FrameEncoder(tree, minTotal, nameIndex, rootName, null, null);
        byte[] one = encode(encoder, Integer.MAX_VALUE);
        byte[] two = encode(encoder, 0);
        assertTrue(one.length > 100, "a graph worth splitting");
        assertArrayEquals(one, two);
    }

    private static byte[] encode(FrameEncoder encoder, int parallelFrames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteWriter out = new ByteWriter(bytes);
        encoder.write(out, 0, parallelFrames);
        out.flush();
        return bytes.toByteArray();
    }

    /** Stacks under a few dozen root frames, some deep, so the split falls between subtrees. */
    private static String stacks(long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            int depth = 1 + random.nextInt(seed == 4 ? 300 : 25);
            for (int d = 0; d < depth; d++) {
                sb.append(d > 0 ? ";" : "").append("f").append(random.nextInt(d == 0 ? 30 : 6));
            }
            sb.append(' ').append(1 + random.nextInt(50)).append('\n');
        }
        return sb.toString();
    }
}
