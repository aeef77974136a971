package dev.pyrometer.cli;

/**
 * A JSON string literal for the CLIs that print JSON without a JSON library on their class path
 * (the helper's {@code jvms --json}, the client's request bodies): one escaping rule for both.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** Appends {@code s} to {@code sb} as a quoted JSON string. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
