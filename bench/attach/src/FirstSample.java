import one.jfr.JfrReader;
import one.jfr.event.Event;

/** Prints "<epoch ms of the first sample> <samples>" of an async-profiler JFR recording. */
public final class FirstSample {
    public static void main(String[] args) throws Exception {
        try (JfrReader reader = new JfrReader(args[0])) {
            long first = Long.MAX_VALUE;
            long samples = 0;
            for (Event e; (e = reader.readEvent()) != null; ) {
                first = Math.min(first, reader.eventTimeToNanos(e.time));
                samples += e.samples();
            }
            System.out.println((first == Long.MAX_VALUE ? -1 : first / 1_000_000) + " " + samples);
        }
    }
}
