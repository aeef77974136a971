package dev.pyrometer.client.output;

import dev.pyrometer.client.json.JsonFields;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints one API object as aligned {@code key: value} lines, nested objects as dotted keys. */
public final class Details {
    private Details() {
    }

    public static void print(PrintWriter out, JsonFields object) {
        var lines = new java.util.ArrayList<String[]>();
        flatten("", object.map(), lines);
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        for (String[] l : lines) {
            out.println(l[0] + ":" + " ".repeat(width - l[0].length() + 1) + l[1]);
        }
        out.flush();
    }

    private static void flatten(String prefix, Map<String, Object> map, List<String[]> lines) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(prefix + k + ".", JsonFields.of(nested).map(), lines);
            } else if (v != null && !(v instanceof Map<?, ?>)) {
                lines.add(new String[] {prefix + k, new JsonFields(Map.of("v", v)).text("v")});
            }
        });
    }
}
