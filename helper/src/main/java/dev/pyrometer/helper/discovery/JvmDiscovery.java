package dev.pyrometer.helper.discovery;

import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.proc.JavaCommandLine;
import dev.pyrometer.helper.proc.JavaRuntime;
import dev.pyrometer.helper.proc.ProcessFacts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Finds the HotSpot JVMs on this host from {@code /proc} alone, without touching them. */
public final class JvmDiscovery {

    /** Linux reports CPU time in USER_HZ ticks, 100 per second on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    public static final Duration DEFAULT_CPU_WINDOW = Duration.ofMillis(300);

    private final String agentPathInTarget;
    private final Duration cpuWindow;

    /**
     * {@code agentPathInTarget}: where our agent library sits in a target (another async-profiler
     * there makes the JVM not attachable); {@code cpuWindow}: how long CPU use is measured.
     */
    public JvmDiscovery(String agentPathInTarget, Duration cpuWindow) {
        this.agentPathInTarget = agentPathInTarget;
        this.cpuWindow = cpuWindow;
    }

    /** Every JVM on this host but this one, by pid. */
    public List<JvmInfo> list() {
        long self = ProcessHandle.current().pid();
        List<ProcessFacts> jvms = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != self) {
                    ProcessFacts.read(pid).filter(f -> f.libjvm().isPresent()).ifPresent(jvms::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        Map<Long, Double> cpu = cpuPercent(jvms);
        return jvms.stream().sorted(java.util.Comparator.comparingLong(ProcessFacts::pid))
                .map(f -> describe(f, cpu.getOrDefault(f.pid(), 0.0))).toList();
    }

    /** The JVM with this pid, or empty when there is no such process or it is not a JVM. */
    public Optional<JvmInfo> find(long pid) {
        return ProcessFacts.read(pid).filter(f -> f.libjvm().isPresent())
                .map(f -> describe(f, cpuPercent(List.of(f)).getOrDefault(pid, 0.0)));
    }

    private Map<Long, Double> cpuPercent(List<ProcessFacts> jvms) {
        Map<Long, Double> percent = new HashMap<>();
        if (jvms.isEmpty()) {
            return percent;
        }
        long begin = System.nanoTime();
        Map<Long, Long> before = new HashMap<>();
        jvms.forEach(f -> before.put(f.pid(), ProcessFacts.cpuTicks(f.pid())));
        LockSupport.parkNanos(cpuWindow.toNanos());
        double seconds = (System.nanoTime() - begin) / 1e9;
        for (ProcessFacts f : jvms) {
            long after = ProcessFacts.cpuTicks(f.pid());
            long start = before.get(f.pid());
            if (after >= 0 && start >= 0) {
                percent.put(f.pid(), Math.round((after - start) / TICKS_PER_SECOND / seconds * 1000) / 10.0);
            }
        }
        return percent;
    }

    private JvmInfo describe(ProcessFacts f, double cpuPercent) {
        List<String> env = f.environment();
        JavaCommandLine cmd = JavaCommandLine.parse(f.commandLine(), env);
        String version = f.libjvm().flatMap(lib -> JavaRuntime.of(f.root(), lib)).map(JavaRuntime::version)
                .orElse("unknown");
        Optional<String> problem = AttachCheck.problem(f, agentPathInTarget);
        Labels labels = Labels.of(f, cmd, env);
        return new JvmInfo(f.pid(), f.nsPid(), userOf(f), cmd.displayName(), version, uptimeMillis(f.startTicks()),
                cpuPercent, f.rssBytes(), f.otherMountNamespace() || f.otherPidNamespace(), problem.isEmpty(),
                problem.orElse(null), labels.app(), labels.release());
    }

    private static String userOf(ProcessFacts f) {
        try {
            return Files.getOwner(ProcessFacts.procDir(f.pid())).getName();
        } catch (IOException e) {
            return Integer.toString(f.euid());
        }
    }

    private static long uptimeMillis(long startTicks) {
        try {
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.max(0, Math.round((uptime - startTicks / TICKS_PER_SECOND) * 1000));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
