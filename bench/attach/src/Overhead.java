import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts the workload's progress log into the windows listed in the marks file ("<pair> <idle|profiled>
 * <start ms> <end ms>") and prints each pair's throughput loss, per wall second and per CPU second
 * of the workload (the latter holds still when other tenants take cores), with the medians.
 */
public final class Overhead {
    public static void main(String[] args) throws Exception {
        List<long[]> log = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split(" ");
            if (f.length == 3) {
                log.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        Map<String, double[][]> pairs = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split(" ");
            pairs.computeIfAbsent(f[0], k -> new double[2][])[f[1].equals("idle") ? 0 : 1] =
                    rates(log, Long.parseLong(f[2]), Long.parseLong(f[3]));
        }
        List<Double> wallLoss = new ArrayList<>();
        List<Double> cpuLoss = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            double[] idle = e.getValue()[0];
            double[] prof = e.getValue()[1];
            double wl = 100 * (1 - prof[0] / idle[0]);
            double cl = 100 * (1 - prof[1] / idle[1]);
            wallLoss.add(wl);
            cpuLoss.add(cl);
            System.out.printf("pair %s: unprofiled %.1f units/s %.1f units/cpu-s; profiled %.1f units/s %.1f units/cpu-s;"
                    + " loss %.2f%% per wall s, %.2f%% per cpu s%n", e.getKey(), idle[0], idle[1], prof[0], prof[1], wl, cl);
        }
        System.out.printf("median throughput loss at the default 10 ms interval: %.2f%% per CPU-second,"
                + " %.2f%% per wall second (goal <= 2%%)%n", median(cpuLoss), median(wallLoss));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Units per wall second and per CPU second between two instants, from the log points inside the window. */
    static double[] rates(List<long[]> log, long start, long end) {
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
        double units = b[1] - a[1];
        return new double[] {units * 1000.0 / (b[0] - a[0]), units * 1e9 / (b[2] - a[2])};
    }
}
