package dev.pyrometer.helper.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the scheduling priority of named threads of a target (its Signal Dispatcher and Attach
 * Listener compete with the very threads that peg the CPU) and puts the old nice values back.
 * Only root may lower a nice value; for anyone else this does nothing.
 */
final class ThreadBoost implements AutoCloseable {

    static final int BOOSTED_NICE = -20;

    private final long pid;
    private final boolean enabled;
    private final ProcessControl control;
    private final Map<Long, Integer> original = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The main thread's nice value: what threads born of a boosted thread (the Attach Listener) go back to. */
    private final int baseline;

    /** The threads there were before anything was boosted: any other thread at the boosted value was born of ours. */
    private final java.util.Set<Long> before;

    ThreadBoost(long pid, boolean enabled, ProcessControl control) {
        this.pid = pid;
        this.enabled = enabled;
        this.control = control;
        this.baseline = enabled ? niceOf(pid, pid) : 0;
        this.before = enabled ? new java.util.HashSet<>(allThreads(pid)) : java.util.Set.of();
    }

    /** Boosts, with one renice, every not yet boosted thread named one of {@code comms}; returns how many exist. */
    int boost(String... comms) {
        List<Long> found = findThreads(pid, List.of(comms));
        if (!enabled) {
            return found.size();
        }
        List<Long> fresh = new ArrayList<>();
        for (long tid : found) {
            if (!original.containsKey(tid)) {
                int nice = niceOf(pid, tid);
                if (nice == BOOSTED_NICE && baseline != Integer.MIN_VALUE) {
                    // Started by a thread we boosted, it inherited our priority, not the JVM's.
                    nice = baseline;
                }
                if (nice != Integer.MIN_VALUE) {
                    original.put(tid, nice);
                    fresh.add(tid);
                }
            }
        }
        try {
            control.renice(BOOSTED_NICE, fresh);
        } catch (IOException e) {
            problems.add("could not raise the priority of " + String.join(", ", comms) + ": " + e.getMessage());
        }
        return found.size();
    }

    List<String> problems() {
        return problems;
    }

    @Override
    public void close() {
        if (enabled && !original.isEmpty() && baseline != BOOSTED_NICE && baseline != Integer.MIN_VALUE) {
            // Threads started by a boosted thread (Attach Listener, async-profiler's own) inherited its priority.
            for (long tid : allThreads(pid)) {
                if (!before.contains(tid) && !original.containsKey(tid) && niceOf(pid, tid) == BOOSTED_NICE) {
                    original.put(tid, baseline);
                }
            }
        }
        Map<Integer, List<Long>> byNice = new LinkedHashMap<>();
        original.forEach((tid, nice) -> byNice.computeIfAbsent(nice, n -> new ArrayList<>()).add(tid));
        byNice.forEach((nice, tids) -> {
            List<Long> alive = tids.stream().filter(tid -> Files.exists(taskDir(pid, tid))).toList();
            try {
                control.renice(nice, alive);
            } catch (IOException e) {
                problems.add("could not restore the priority of threads " + alive + ": " + e.getMessage());
            }
        });
        original.clear();
    }

    static List<Long> allThreads(long pid) {
        List<Long> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                tids.add(Long.parseLong(task.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone: nothing to restore.
        }
        return tids;
    }

    static List<Long> findThreads(long pid, List<String> comms) {
        List<Long> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                long tid = Long.parseLong(task.getFileName().toString());
                if (comms.contains(commOf(pid, tid))) {
                    tids.add(tid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone or not ours to read: no threads to boost.
        }
        return tids;
    }

    private static Path taskDir(long pid, long tid) {
        return Path.of("/proc", Long.toString(pid), "task", Long.toString(tid));
    }

    private static String commOf(long pid, long tid) {
        try {
            return Files.readString(taskDir(pid, tid).resolve("comm"), StandardCharsets.ISO_8859_1).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static int niceOf(long pid, long tid) {
        try {
            String stat = Files.readString(taskDir(pid, tid).resolve("stat"), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }
}
