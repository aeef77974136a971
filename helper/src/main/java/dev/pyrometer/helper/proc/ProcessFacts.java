package dev.pyrometer.helper.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /proc/<pid>} says about one process, read once: identity, credentials, signal
 * dispositions, namespaces, mapped libraries and command line.
 */
public record ProcessFacts(
        long pid,
        long nsPid,
        int euid,
        int egid,
        long sigCaught,
        long startTicks,
        long cpuTicks,
        long rssBytes,
        boolean otherMountNamespace,
        boolean otherPidNamespace,
        List<String> mappedFiles,
        List<String> commandLine,
        boolean inspectable) {

    private static final long SIGQUIT_BIT = 1L << (3 - 1);

    /** The facts of {@code pid}, or empty when there is no such process (or it vanished while read). */
    public static Optional<ProcessFacts> read(long pid) {
        Path dir = procDir(pid);
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
            String[] stat = statFields(dir);
            long nsPid = pid;
            int euid = -1;
            int egid = -1;
            long sigCgt = 0;
            long rss = 0;
            for (String line : status) {
                if (line.startsWith("NSpid:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    nsPid = Long.parseLong(f[f.length - 1]);
                } else if (line.startsWith("Uid:")) {
                    euid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                } else if (line.startsWith("Gid:")) {
                    egid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                } else if (line.startsWith("SigCgt:")) {
                    sigCgt = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
            long startTicks = Long.parseLong(stat[19]);
            long cpu = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            List<String> cmdline = nulSeparated(dir.resolve("cmdline"));
            try {
                return Optional.of(new ProcessFacts(pid, nsPid, euid, egid, sigCgt, startTicks, cpu, rss,
                        otherNamespace(dir, "mnt"), otherNamespace(dir, "pid"), mappedFiles(dir), cmdline, true));
            } catch (java.nio.file.AccessDeniedException e) {
                // Another user's process seen by a non-root helper: status is public, maps are not.
                return Optional.of(new ProcessFacts(pid, nsPid, euid, egid, sigCgt, startTicks, cpu, rss,
                        false, false, List.of(), cmdline, false));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A process exiting between two reads leaves partial files behind: treat it as gone.
            return Files.isDirectory(dir) ? Optional.of(unreadable(pid)) : Optional.empty();
        }
    }

    private static ProcessFacts unreadable(long pid) {
        return new ProcessFacts(pid, pid, -1, -1, 0, 0, 0, 0, false, false, List.of(), List.of(), false);
    }

    public static Path procDir(long pid) {
        return Path.of("/proc", Long.toString(pid));
    }

    /** Fields of {@code /proc/<pid>/stat} after the command name; index 0 is field 3 (state). */
    static String[] statFields(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** CPU ticks (user + system) consumed so far by {@code pid}, or -1 when it is gone. */
    public static long cpuTicks(long pid) {
        try {
            String[] stat = statFields(procDir(pid));
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The start time in clock ticks since boot, or -1: with the pid it names one process for good. */
    public static long startTicks(long pid) {
        try {
            return Long.parseLong(statFields(procDir(pid))[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean otherNamespace(Path dir, String ns) {
        try {
            return !Files.readSymbolicLink(dir.resolve("ns").resolve(ns))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns").resolve(ns)));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> mappedFiles(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (var lines = Files.lines(dir.resolve("maps"), StandardCharsets.ISO_8859_1)) {
            lines.forEach(line -> {
                int slash = line.indexOf('/');
                if (slash > 0) {
                    String file = line.substring(slash);
                    if (files.isEmpty() || !files.get(files.size() - 1).equals(file)) {
                        files.add(file);
                    }
                }
            });
        }
        return files.stream().distinct().toList();
    }

    static List<String> nulSeparated(Path file) throws IOException {
        String all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (all.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(all.split("\0"));
    }

    /** The environment of the process ({@code NAME=value}); empty when it may not be read. */
    public List<String> environment() {
        try {
            return nulSeparated(procDir(pid).resolve("environ"));
        } catch (IOException e) {
            return List.of();
        }
    }

    public boolean catchesSigquit() {
        return (sigCaught & SIGQUIT_BIT) != 0;
    }

    /** The path of the mapped {@code libjvm.so}, as the target sees it. */
    public Optional<String> libjvm() {
        return mappedFiles.stream().filter(f -> f.endsWith("/libjvm.so")).findFirst();
    }

    /** Every mapped async-profiler library, as the target sees it (may end in " (deleted)"). */
    public List<String> asyncProfilerLibraries() {
        return mappedFiles.stream().filter(f -> f.contains("libasyncProfiler")).toList();
    }

    /** This process's root directory seen from here: the way into its mount namespace. */
    public Path root() {
        return procDir(pid).resolve("root");
    }
}
