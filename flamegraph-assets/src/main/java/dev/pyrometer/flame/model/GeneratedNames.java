package dev.pyrometer.flame.model;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the JVM makes up at run time, per process: a lambda's class is {@code App$$Lambda$14/0x0000000800c01234}
 * in one JVM and {@code App$$Lambda$9/0x00007f3fcc000a08} in the next (async-profiler writes the
 * slash as a dot), and likewise method-handle forms, proxies and reflection accessors. Compared as
 * they are, the same code looks removed in one profile and added in the other, and so does every
 * frame under it. A comparison gives them one name each, without the counter and address.
 */
public final class GeneratedNames {
    private static final Pattern GENERATED = Pattern.compile(
            "(\\$\\$Lambda)(?:\\$\\d+)?[./]0x\\p{XDigit}+"
                    + "|(LambdaForm\\$[A-Za-z]+)[./]0x\\p{XDigit}+"
                    + "|(\\$Proxy)\\d+"
                    + "|(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+");

    private GeneratedNames() {
    }

    /** {@code token} with each run-time name reduced to its stable part. */
    static String normalize(String token) {
        Matcher m = GENERATED.matcher(token);
        if (!m.find()) {
            return token;
        }
        StringBuilder sb = new StringBuilder(token.length());
        do {
            String kept = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                    : m.group(3) != null ? m.group(3) : m.group(4);
            m.appendReplacement(sb, Matcher.quoteReplacement(kept));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * For each frame id, the id of its normalised token, interned into the same table; null when no
     * name needs it (the common case costs one regex search per distinct name).
     */
    static int[] remap(FrameTable frames) {
        int n = frames.size();
        int[] remap = null;
        for (int id = 0; id < n; id++) {
            String token = new String(frames.pool(), frames.nameStart(id), frames.tokenLength(id), StandardCharsets.UTF_8);
            // Every such name holds one of these; most names hold none, and skip the regex.
            if (!token.contains("0x") && !token.contains("$Proxy") && !token.contains("Accessor")) {
                continue;
            }
            String normal = normalize(token);
            if (!normal.equals(token)) {
                if (remap == null) {
                    remap = new int[n];
                    for (int i = 0; i < n; i++) {
                        remap[i] = i;
                    }
                }
                remap[id] = frames.intern(normal);
            }
        }
        return remap;
    }

    /** {@code tree} with run-time names normalised and the stacks that then agree merged; {@code tree} itself when none. */
    public static FlameTree normalized(FlameTree tree) {
        int[] remap = remap(tree.frames());
        if (remap == null) {
            return tree;
        }
        FlameTree out = new FlameTree(tree.frames());
        int[] map = new int[tree.size()];
        map[FlameTree.ROOT] = FlameTree.ROOT;
        // A parent has a smaller index than its children: one pass in index order maps every node.
        for (int node = 1; node < tree.size(); node++) {
            map[node] = out.child(map[tree.parent(node)], remap[tree.frame(node)]);
        }
        long[] self = new long[out.size()];
        for (int node = 0; node < tree.size(); node++) {
            self[map[node]] += tree.self(node);
        }
        for (int node = 0; node < out.size(); node++) {
            out.setSelf(node, self[node]);
        }
        out.recomputeTotals();
        return out;
    }
}
