package dev.pyrometer.flame.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page under {@code templates/} with named slots {@code /*name:*&#47;default/*:name*&#47;} (or
 * {@code <!--name:-->default<!--:name-->} in markup). The file is a working page on its own with
 * the defaults; rendering streams the literal parts and lets a writer fill each slot.
 */
public final class Template {
    private static final Pattern SLOT = Pattern.compile(
            "(?:/\\*(\\w+):\\*/|<!--(\\w+):-->)(.*?)(?:/\\*:\\1\\*/|<!--:\\2-->)", Pattern.DOTALL);

    private final List<byte[]> literals = new ArrayList<>();
    private final List<String> slots = new ArrayList<>();

    private Template(String text) {
        Matcher m = SLOT.matcher(text);
        int last = 0;
        while (m.find()) {
            literals.add(text.substring(last, m.start()).getBytes(StandardCharsets.UTF_8));
            slots.add(m.group(1) != null ? m.group(1) : m.group(2));
            last = m.end();
        }
        literals.add(text.substring(last).getBytes(StandardCharsets.UTF_8));
    }

    /** Loads {@code templates/<name>} from the class path. */
    public static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream("/templates/" + name)) {
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
