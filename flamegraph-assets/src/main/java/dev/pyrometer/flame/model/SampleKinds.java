package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import one.jfr.JfrReader;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;

/**
 * What kind of sample a recording's flame graph is drawn from, as {@link JfrInput} picks it:
 * execution, else allocation, else lock. A comparison of CPU time in one release with allocations
 * in the other would rank meaningless changes; it is refused, naming both files.
 */
public final class SampleKinds {
    private SampleKinds() {
    }

    /** Throws when the {@code .jfr} inputs of a comparison hold different kinds of sample; collapsed stacks say nothing. */
    public static void checkComparable(List<Path> base, List<Path> neu) throws IOException {
        List<Path> inputs = new ArrayList<>(base);
        inputs.addAll(neu);
        Path first = null;
        String firstKind = null;
        for (Path input : inputs) {
            if (input.getFileName() == null || !input.getFileName().toString().endsWith(".jfr")) {
                continue;
            }
            String kind = of(input);
            if (kind == null) {
                continue;
            }
            if (firstKind == null) {
                first = input;
                firstKind = kind;
            } else if (!kind.equals(firstKind)) {
                throw CommandFailure.input(first + " holds " + firstKind + " samples but " + input + " holds " + kind
                        + " samples: compare recordings of one kind (profiles of one --event)");
            }
        }
    }

    /** "execution", "allocation" or "lock"; null for a recording with none (or not one this reader knows). */
    static String of(Path jfr) throws IOException {
        boolean allocation = false;
        boolean lock = false;
        try (JfrReader reader = new JfrReader(jfr.toString())) {
            for (Event e; (e = reader.readEvent()) != null; ) {
                if (e instanceof ExecutionSample) {
                    return "execution";
                }
                allocation |= e instanceof AllocationSample;
                lock |= e instanceof ContendedLock;
            }
        } catch (RuntimeException e) {
            return null; // not readable: the read that follows names the problem
        }
        return allocation ? "allocation" : lock ? "lock" : null;
    }
}
