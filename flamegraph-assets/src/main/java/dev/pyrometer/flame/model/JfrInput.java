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
    private JfrInput() {
    }

    /**
     * The stacks of the kind of sample the recording has ({@link SampleKinds}): execution (cpu,
     * wall, itimer, ctimer), else allocation, else lock. The converter reads execution samples
     * unless told {@code --alloc} or {@code --lock}, and an alloc or lock recording has none.
     */
    static void read(Path file, CollapsedParser parser) throws IOException {
        String kind = SampleKinds.of(file);
        List<String> option = "allocation".equals(kind) ? List.of("--alloc")
                : "lock".equals(kind) ? List.of("--lock") : List.of();
        parser.parse(new ByteArrayInputStream(convert(file, option)), file.toString());
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
