package dev.pyrometer.helper.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a finished run produced: the raw recording (always kept), the files written, the engine
 * that actually ran (it may differ from the one asked for) and what it cost to get there.
 */
public record ProfileResult(
        Path recording,
        List<Path> outputs,
        String engine,
        long samples,
        Duration attachTime,
        Instant started,
        Instant finished,
        List<String> warnings) {
}
