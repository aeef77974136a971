package dev.pyrometer.helper.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import one.jfr.JfrReader;
import one.jfr.event.Event;

/**
 * Totals of an async-profiler JFR recording: how many samples, when the first one was taken, and
 * the settings the agent recorded (its {@code engine} is the sampler that really ran).
 */
public record RecordingSummary(long samples, long events, long firstSampleEpochNanos, Map<String, String> settings) {

    public static RecordingSummary read(Path jfr) {
        try (JfrReader reader = new JfrReader(jfr.toString())) {
            long samples = 0;
            long events = 0;
            long first = Long.MAX_VALUE;
            for (Event e; (e = reader.readEvent()) != null; ) {
                samples += e.samples();
                events++;
                first = Math.min(first, reader.eventTimeToNanos(e.time));
            }
            return new RecordingSummary(samples, events, first == Long.MAX_VALUE ? -1 : first, Map.copyOf(
                    reader.settings.entrySet().stream().filter(s -> s.getValue() != null)
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        } catch (IOException | RuntimeException e) {
            return new RecordingSummary(0, 0, -1, Map.of());
        }
    }

    /** The sampler that ran, named like the {@code --event} values: perf_events is {@code cpu}. */
    public String engine(String requested) {
        String engine = settings.get("engine");
        if (engine == null) {
            return requested;
        }
        return switch (engine) {
            case "perf_events" -> "cpu";
            // alloc and lock are traced through JVMTI; the sampling engine slot stays empty.
            case "noop" -> requested;
            case "wall_clock", "wall" -> "wall";
            default -> engine;
        };
    }

    /** Whether kernel frames could be resolved (perf_events with kernel symbols). */
    public boolean kernelSymbols() {
        return Boolean.parseBoolean(settings.getOrDefault("kernelSymbols", "false"));
    }

    /** Whether the recording can be read to its end (the agent finished it). */
    static boolean complete(Path jfr) {
        try (JfrReader reader = new JfrReader(jfr.toString())) {
            while (reader.readEvent() != null) {
                // read to the end
            }
            return !reader.incomplete();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
