import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the workload's progress log into the windows listed in the marks file ("<pair> <idle|profiled>
 * <start ms> <end ms>") and prints each pair's throughput loss and the median loss.
 */
public final class Overhead {
    public static void main(String[] args) throws Exception {
        List<long[]> log = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split(" ");
            if (f.length == 2) {
                log.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
            }
        }
        java.util.Map<String, double[]> pairs = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split(" ");
            double rate = rate(log, Long.parseLong(f[2]), Long.parseLong(f[3]));
            pairs.computeIfAbsent(f[0], k -> new double[2])[f[1].equals("idle") ? 0 : 1] = rate;
        }
        List<Double> losses = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            double loss = 100 * (1 - e.getValue()[1] / e.getValue()[0]);
            losses.add(loss);
            System.out.printf("pair %s: unprofiled %.1f units/s, profiled %.1f units/s, loss %.2f%%%n",
                    e.getKey(), e.getValue()[0], e.getValue()[1], loss);
        }
        losses.sort(null);
        System.out.printf("median throughput loss at the default 10 ms interval: %.2f%% (goal <= 2%%)%n",
                losses.get(losses.size() / 2));
    }

    /** Units per second between two instants, from the nearest log points inside the window. */
    static double rate(List<long[]> log, long start, long end) {
        long[] a = null;
        long[] b = null;
        for (long[] p : log) {
            if (a == null && p[0] >= start) {
                a = p;
            }
            if (p[0] <= end) {
                b = p;
            }
        }
        if (a == null || b == null || b[0] <= a[0]) {
            throw new IllegalStateException("window " + start + ".." + end + " not covered by the log");
        }
        return (b[1] - a[1]) * 1000.0 / (b[0] - a[0]);
    }
}
