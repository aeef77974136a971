package dev.pyrometer.helper.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU use of processes from {@code /proc/<pid>/stat} alone (user + system ticks between two calls), so
 * watching a pegged JVM costs it nothing: no attach, no signal. 100 = one core busy.
 */
public final class CpuSampler {
    private final double ticksPerSecond;
    /** pid → the previous reading; the start time tells a recycled pid from the process we saw. */
    private final Map<Long, Reading> last = new HashMap<>();

    private record Reading(long startTicks, long cpuTicks, long nanos) {
    }

    public CpuSampler(double ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * CPU percent of each process since the previous call; a process seen for the first time (or whose
     * pid was reused) has no figure yet. Processes not asked about are forgotten.
     */
    public Map<Long, Double> sample(Collection<Long> pids) {
        Map<Long, Double> out = new HashMap<>();
        Map<Long, Reading> now = new HashMap<>();
        for (long pid : pids) {
            Reading r = read(pid);
            if (r == null) {
                continue;
            }
            now.put(pid, r);
            Reading before = last.get(pid);
            if (before != null && before.startTicks == r.startTicks && r.nanos > before.nanos) {
                double seconds = (r.nanos - before.nanos) / 1e9;
                out.put(pid, (r.cpuTicks - before.cpuTicks) / ticksPerSecond / seconds * 100);
            }
        }
        last.clear();
        last.putAll(now);
        return out;
    }

    private static Reading read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            long nanos = System.nanoTime();
            // the command name may hold spaces and parentheses: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new Reading(Long.parseLong(f[19]), Long.parseLong(f[11]) + Long.parseLong(f[12]), nanos);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** USER_HZ as {@code getconf CLK_TCK} reports it (within 2 s), else 100, the value on every mainstream Linux. */
    public static double clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try {
                if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    double hz = Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
                    if (hz > 0) {
                        return hz;
                    }
                }
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            // no getconf on this host: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
