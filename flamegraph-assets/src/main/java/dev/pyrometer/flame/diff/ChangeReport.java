package dev.pyrometer.flame.diff;

import dev.pyrometer.flame.Change;
import dev.pyrometer.flame.render.ByteWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes changes as the JSON array of {@code --report}: one object per frame, most regressed first. */
public final class ChangeReport {
    private ChangeReport() {
    }

    public static void write(List<Change> changes, OutputStream stream) throws IOException {
        ByteWriter out = new ByteWriter(stream);
        out.text("[");
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            out.text(i == 0 ? "\n  " : ",\n  ").text("{\"frame\": \"").text(jsonEscape(c.frame()))
                    .text("\", \"base_self_pct\": ").text(number(c.baseSelfPct()))
                    .text(", \"new_self_pct\": ").text(number(c.newSelfPct()))
                    .text(", \"delta_pct\": ").text(number(c.deltaPct()))
                    .text(", \"base_total_pct\": ").text(number(c.baseTotalPct()))
                    .text(", \"new_total_pct\": ").text(number(c.newTotalPct()))
                    .text(", \"significant\": ").text(Boolean.toString(c.significant())).text("}");
        }
        out.text(changes.isEmpty() ? "]\n" : "\n]\n");
        out.flush();
    }

    private static String number(double v) {
        double rounded = Math.round(v * 1e4) / 1e4;
        if (rounded == 0) {
            return "0";
        }
        return java.math.BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString();
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
