package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
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

    static void read(Path file, CollapsedParser parser) throws IOException {
        ByteArrayOutputStream collapsed = new ByteArrayOutputStream(1 << 16);
        try (JfrReader jfr = new JfrReader(file.toString())) {
            JfrToFlame converter = new JfrToFlame(jfr, new Arguments("-o", "collapsed"));
            converter.convert();
            converter.dump(collapsed);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw CommandFailure.input(file + ": not a readable JFR recording (" + e + ")");
        }
        parser.parse(new ByteArrayInputStream(collapsed.toByteArray()), file.toString());
    }
}
