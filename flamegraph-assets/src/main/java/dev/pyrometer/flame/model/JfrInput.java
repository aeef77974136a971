package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import one.jfr.JfrReader;

/**
 * Reads an async-profiler (or JDK) JFR recording through async-profiler's own converter, which
 * tracks the recording format, and feeds its collapsed stacks to {@link CollapsedParser}.
 */
final class JfrInput {
    /**
     * The converter's event choices, in the order tried: it reads execution samples (cpu, wall,
     * itimer, ctimer) unless told otherwise, and an {@code alloc} or {@code lock} recording has none.
     */
    private static final List<List<String>> KINDS = List.of(List.of(), List.of("--alloc"), List.of("--lock"));

    private JfrInput() {
    }

    /** The stacks of the first kind of sample the recording has: execution, else allocation, else lock. */
    static void read(Path file, CollapsedParser parser) throws IOException {
        byte[] stacks = new byte[0];
        for (List<String> kind : KINDS) {
            stacks = convert(file, kind);
            if (stacks.length > 0) {
                break;
            }
        }
        parser.parse(new ByteArrayInputStream(stacks), file.toString());
    }

    private static byte[] convert(Path file, List<String> kind) throws IOException {
        ByteArrayOutputStream collapsed = new ByteArrayOutputStream(1 << 16);
        List<String> args = new ArrayList<>(List.of("-o", "collapsed"));
        args.addAll(kind);
        try (JfrReader jfr = new JfrReader(file.toString())) {
            JfrToFlame converter = new JfrToFlame(jfr, new Arguments(args.toArray(String[]::new)));
            converter.convert();
            converter.dump(collapsed);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw CommandFailure.input(file + ": not a readable JFR recording (" + e + ")");
        }
        return collapsed.toByteArray();
    }
}
