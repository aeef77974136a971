package dev.pyrometer.helper.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import one.jfr.JfrReader;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;

/**
 * Totals of an async-profiler JFR recording: how many samples, when the first sample was taken, and
 * the settings the agent recorded (its {@code engine} is the sampler that really ran).
 */
public record RecordingSummary(long samples, long events, long firstSampleEpochNanos, Map<String, String> settings) {

    /**
     * {@code samples} counts the kind of sample the flame graph is drawn from, as the renderer picks
     * it: execution samples (cpu, wall, itimer, ctimer), else allocation, else lock samples. The
     * agent also writes CPU-load and heap-summary events, once a second: counting them made the
     * figure differ from the graph's total.
     */
    public static RecordingSummary read(Path jfr) {
        try (JfrReader reader = new JfrReader(jfr.toString())) {
            long execution = 0;
            long allocation = 0;
            long lock = 0;
            long events = 0;
            long first = Long.MAX_VALUE;
            for (Event e; (e = reader.readEvent()) != null; ) {
                events++;
                if (e instanceof ExecutionSample) {
                    execution += e.samples();
                } else if (e instanceof AllocationSample) {
                    allocation += e.samples();
                } else if (e instanceof ContendedLock) {
                    lock += e.samples();
                } else {
                    continue;
                }
                first = Math.min(first, reader.eventTimeToNanos(e.time));
            }
            long samples = execution > 0 ? execution : allocation > 0 ? allocation : lock;
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
