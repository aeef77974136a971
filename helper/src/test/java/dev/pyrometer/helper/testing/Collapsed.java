package dev.pyrometer.helper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/** Collapsed stacks of a recording, for assertions: converted with async-profiler's own converter. */
public record Collapsed(List<String> lines) {

    public static Collapsed of(Path jfr) throws IOException {
        Path out = Files.createTempFile("pyrometer-test", ".collapsed");
        try {
            JfrToFlame.convert(jfr.toString(), out.toString(), new Arguments("--output", "collapsed"));
            return new Collapsed(Files.readAllLines(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public static Collapsed read(Path collapsed) throws IOException {
        return new Collapsed(Files.readAllLines(collapsed));
    }

    public long total() {
        return lines.stream().mapToLong(Collapsed::count).sum();
    }

    /** Samples whose stack contains a frame containing {@code frame}. */
    public long containing(String frame) {
        return lines.stream().filter(l -> stack(l).contains(frame)).mapToLong(Collapsed::count).sum();
    }

    private static String stack(String line) {
        return line.substring(0, line.lastIndexOf(' '));
    }

    private static long count(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
    }
}
