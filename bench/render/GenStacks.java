import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes synthetic collapsed stacks for the renderer benchmark; the same arguments always give
 * the same bytes. Run with {@code java GenStacks.java SHAPE OUT [OUT2]}:
 *
 * <ul>
 * <li>{@code javac}: javac-like, seed 1: 48,800 unique stacks of depth 8..60 over 11,600 Java and
 *     C++ names (an async-profiler CPU profile of a compiler), about 100k samples, unsorted.</li>
 * <li>{@code wide}: seed 2: 200,000 unique stacks of depth 20..60 over 20,000 short names; each
 *     stack keeps 55..85% of an earlier stack's frames and adds new ones, giving about 3M tree nodes.</li>
 * <li>{@code pair}: seed 3 (shape) and 4/5 (noise): two profiles of 100,000 Java-like stacks of
 *     depth 20..60 with long names (about 200 MB each). NEW has every count redrawn around the
 *     same mean, 1% of stacks only in BASE, 1% only in NEW, and 20 stacks five times hotter.</li>
 * </ul>
 */
public final class GenStacks {
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "javac" -> write(args[1], stacks(1, 48_800, 8, 60, 11_600, true, 0.80, 0.97), 1, 4, 0, -1);
            case "wide" -> write(args[1], stacks(2, 200_000, 20, 60, 20_000, false, 0.55, 0.85), 1, 40, 0, -1);
            case "pair" -> {
                int[][] shape = stacks(3, 102_000, 20, 60, 30_000, true, 0.5, 0.9);
                write(args[1], shape, 1, 400, 4, 0);
                write(args[2], shape, 1, 400, 5, 1);
            }
            default -> throw new IllegalArgumentException("shape is javac, wide or pair");
        }
    }

    /** Each stack: an earlier stack's prefix (keep fraction in [keepMin, keepMax)) plus new frames. */
    static int[][] stacks(long seed, int count, int minDepth, int maxDepth, int names, boolean skewed,
                          double keepMin, double keepMax) {
        Random random = new Random(seed);
        int[][] stacks = new int[count][];
        for (int i = 0; i < count; i++) {
            int depth = minDepth + random.nextInt(maxDepth - minDepth + 1);
            int[] stack = new int[depth];
            int keep = 0;
            if (i > 0) {
                int[] earlier = stacks[random.nextInt(i)];
                keep = Math.min(depth - 1, (int) (earlier.length * (keepMin + random.nextDouble() * (keepMax - keepMin))));
                System.arraycopy(earlier, 0, stack, 0, Math.min(keep, earlier.length));
                keep = Math.min(keep, earlier.length);
            }
            for (int d = keep; d < depth; d++) {
                stack[d] = skewed ? (int) Math.min(names - 1, Math.abs(random.nextGaussian()) * names / 3) : random.nextInt(names);
            }
            stacks[i] = stack;
        }
        return stacks;
    }

    /**
     * Writes stacks in a shuffled order with counts in [minCount, maxCount]; with a noise seed,
     * counts are redrawn and {@code side} (0 base, 1 new) drops its 1% of one-sided stacks.
     */
    static void write(String file, int[][] stacks, int minCount, int maxCount, long noiseSeed, int side) throws IOException {
        byte[][] names = new byte[40_000][];
        Random order = new Random(99);
        int[] perm = new int[stacks.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Random counts = new Random(noiseSeed == 0 ? 7 : noiseSeed);
        Random base = new Random(8);
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file), 1 << 20)) {
            for (int i : perm) {
                int mean = minCount + base.nextInt(maxCount - minCount + 1);
                if (side >= 0) {
                    if (i % 100 == side) {
                        continue;
                    }
                    mean = Math.max(1, (int) Math.round(mean * (0.8 + 0.4 * counts.nextDouble())));
                    if (side == 1 && i % 5000 == 7) {
                        mean *= 5;
                    }
                }
                int[] stack = stacks[i];
                for (int d = 0; d < stack.length; d++) {
                    if (d > 0) {
                        out.write(';');
                    }
                    int n = stack[d];
                    if (names[n] == null) {
                        names[n] = name(n, stacks.length > 150_000).getBytes(StandardCharsets.UTF_8);
                    }
                    out.write(names[n]);
                }
                out.write(' ');
                out.write(Integer.toString(mean).getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
        }
    }

    static String name(int n, boolean shortNames) {
        if (shortNames) {
            return "f" + n;
        }
        Random r = new Random(n * 2654435761L);
        if (n % 9 == 4) {
            String[] cpp = {"PhaseChaitin", "Compile", "PhaseIdealLoop", "Node", "GraphBuilder", "SymbolTable"};
            return cpp[r.nextInt(cpp.length)] + "::" + "op" + n + (n % 2 == 0 ? "_work" : "");
        }
        String[] pkgs = {"com/sun/tools/javac/comp", "com/sun/tools/javac/code", "com/sun/tools/javac/jvm",
            "com/example/shop/service", "java/util/concurrent", "io/netty/channel"};
        return pkgs[r.nextInt(pkgs.length)] + "/Class" + (n % 1500) + "$Inner" + (n % 7) + ".method" + n
                + (n % 13 == 0 ? "_[i]" : n % 17 == 0 ? "_[k]" : "");
    }
}
