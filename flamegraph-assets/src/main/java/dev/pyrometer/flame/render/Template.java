package dev.pyrometer.flame.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page under {@code templates/} with named slots {@code /*name:*&#47;default/*:name*&#47;} (or
 * {@code <!--name:-->default<!--:name-->} in markup). The file is a working page on its own with
 * the defaults; rendering streams the literal parts and lets a writer fill each slot.
 */
public final class Template {
    private final List<byte[]> literals = new ArrayList<>();
    private final List<String> slots = new ArrayList<>();

    /** Splits the page at its slots; a hand-written scan, as compiling a regex cost more than the rest of loading. */
    private Template(String text) {
        int last = 0;
        int from = 0;
        while (true) {
            int script = text.indexOf("/*", from);
            int markup = text.indexOf("<!--", from);
            if (script < 0 && markup < 0) {
                break;
            }
            boolean isScript = markup < 0 || script >= 0 && script < markup;
            int open = isScript ? script : markup;
            String prefix = isScript ? "/*" : "<!--";
            String suffix = isScript ? "*/" : "-->";
            int nameStart = open + prefix.length();
            int nameEnd = nameStart;
            while (nameEnd < text.length() && isWordChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            String name = text.substring(nameStart, nameEnd);
            String close = prefix.concat(":").concat(name).concat(suffix);
            int valueStart = nameEnd + 1 + suffix.length();
            int closeAt = nameEnd > nameStart && text.startsWith(":".concat(suffix), nameEnd) ? text.indexOf(close, valueStart) : -1;
            if (closeAt < 0) {
                from = open + 1;
                continue;
            }
            literals.add(text.substring(last, open).getBytes(StandardCharsets.UTF_8));
            slots.add(name);
            last = closeAt + close.length();
            from = last;
        }
        literals.add(text.substring(last).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Loads {@code templates/<name>} from the class path. */
    public static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream("/templates/".concat(name))) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the jar");
            }
            return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The slot names in order of appearance. */
    public List<String> slots() {
        return List.copyOf(slots);
    }

    /** Streams the template, calling the writer registered for each slot; every slot must have one. */
    public void render(ByteWriter out, Map<String, SlotWriter> writers) throws IOException {
        for (int i = 0; i < slots.size(); i++) {
            out.write(literals.get(i));
            SlotWriter writer = writers.get(slots.get(i));
            if (writer == null) {
                throw new IllegalStateException("no value for template slot " + slots.get(i));
            }
            writer.write(out);
        }
        out.write(literals.get(slots.size()));
    }

    /** Writes the value of one slot. */
    @FunctionalInterface
    public interface SlotWriter {
        void write(ByteWriter out) throws IOException;
    }
}
