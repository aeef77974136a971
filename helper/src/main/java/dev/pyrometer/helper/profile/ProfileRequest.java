package dev.pyrometer.helper.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One profiling run against one local JVM, with the files to produce (format by extension). */
public record ProfileRequest(
        long pid,
        Duration duration,
        String event,
        Duration interval,
        String title,
        List<Path> outputs) {
}
