package dev.pyrometer.helper.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One profiling run against one local JVM, with the files to produce (format by extension).
 * {@code mergeIfPresent}: collapsed stacks recorded elsewhere (a rule's look-back) summed into the rendered
 * outputs when the file exists by then.
 */
public record ProfileRequest(
        long pid,
        Duration duration,
        String event,
        Duration interval,
        String title,
        List<Path> outputs,
        List<Path> mergeIfPresent) {

    public ProfileRequest(long pid, Duration duration, String event, Duration interval, String title, List<Path> outputs) {
        this(pid, duration, event, interval, title, outputs, List.of());
    }
}
