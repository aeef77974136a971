import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.profile.JfrLookback;
import dev.pyrometer.helper.profile.ProfileRequest;
import dev.pyrometer.helper.profile.ProfileResult;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.rules.CpuSampler;
import dev.pyrometer.helper.rules.RuleConfig;
import dev.pyrometer.helper.rules.RuleEngine;
import dev.pyrometer.helper.rules.RuleRunner;
import dev.pyrometer.helper.rules.RulesOptions;
import dev.pyrometer.wire.Rule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rules bench: (1) detection latency, spike start (the target prints it) → rule fired → the profile's
 * "profiling" state (attached, sampling), through the real RuleRunner (/proc sampler, engine) and the real
 * Profiler; (2) the look-back ring's overhead on a CPU-bound workload, alternating windows without and with
 * the ring (cut by bench/attach's Overhead). Args: root out runs pairs.
 */
public final class RulesBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        String java = ProcessHandle.current().info().command().orElse("java");
        Profiler profiler = new Profiler(out.resolve("work"));
        latency(root, out, runs, java, profiler);
        if (pairs > 0) {
            overhead(root, out, pairs, java, profiler);
        }
    }

    static void latency(Path root, Path out, int runs, String java, Profiler profiler) throws Exception {
        List<Long> toFire = new ArrayList<>();
        List<Long> toProfiling = new ArrayList<>();
        String forText = "2s";
        for (int run = 1; run <= runs; run++) {
            // compiled beforehand (run.sh): a source launch would burn CPU compiling during the idle phase
            Process target = new ProcessBuilder(java, "-Xmx64m", "-Dpyrometer.app=rules-bench", "-cp",
                    out.resolve("classes").toString(), "Spiker", "8000", "4").redirectErrorStream(true).start();
            var ready = new CompletableFuture<Void>();
            var spike = new CompletableFuture<Long>();
            var reader = new BufferedReader(new InputStreamReader(target.getInputStream()));
            Thread t = new Thread(() -> reader.lines().forEach(l -> {
                if (l.equals("ready")) {
                    ready.complete(null);
                }
                if (l.startsWith("spike ")) {
                    spike.complete(Long.parseLong(l.substring(6)));
                }
            }));
            t.setDaemon(true);
            t.start();
            long[] fired = new long[1];
            long[] profiling = new long[1];
            var done = new CompletableFuture<Void>();
            RuleRunner.Starter starter = new RuleRunner.Starter() {
                public RuleRunner.Start start(RuleEngine.Firing f, JvmInfo jvm, String lookback) {
                    fired[0] = System.currentTimeMillis();
                    Thread p = new Thread(() -> {
                        try {
                            profiler.profile(new ProfileRequest(f.pid(), Duration.ofSeconds(1), "cpu",
                                    Duration.ofMillis(10), "bench", List.of(out.resolve("run" + f.pid() + ".jfr"))),
                                    (state, detail) -> {
                                        if (state.equals("profiling")) {
                                            profiling[0] = System.currentTimeMillis();
                                        }
                                    });
                        } finally {
                            done.complete(null);
                        }
                    });
                    p.start();
                    return RuleRunner.Start.started("bench-" + f.pid());
                }

                public boolean running(String id) {
                    return !done.isDone();
                }
            };
            var discovery = new JvmDiscovery(profiler.agentPathInTarget(), Duration.ofMillis(1));
            var rule = RuleConfig.of(new Rule("bench", 50, forText, "1s", "cpu", null, "1h", "rules-bench", false));
            // the target's CPU each second after the spike, read the same way: a slow detection on a shared
            // host is a target that did not get the CPU to reach the threshold, and this shows it
            StringBuffer trace = new StringBuffer();
            var traceThread = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
            var cpu = new CpuSampler(CpuSampler.clockTicksPerSecond());
            try (var runner = new RuleRunner(new RulesOptions(List.of(rule), null),
                    () -> discovery.list().stream().filter(j -> j.pid() == target.pid()).toList(), starter, null)) {
                ready.get(60, TimeUnit.SECONDS);
                runner.start();
                long s = spike.get(60, TimeUnit.SECONDS);
                traceThread.scheduleAtFixedRate(() -> cpu.sample(List.of(target.pid())).values()
                        .forEach(v -> trace.append(Math.round(v)).append(' ')), 0, 1, TimeUnit.SECONDS);
                done.get(300, TimeUnit.SECONDS);
                traceThread.shutdownNow();
                if (fired[0] - s > 10_000) {
                    System.out.println("  target CPU % per second after the spike: " + trace);
                }
                toFire.add(fired[0] - s);
                toProfiling.add(profiling[0] - s);
                System.out.printf("run %d: spike → fired %d ms, → profiling %d ms (rule 'for' %s)%n", run,
                        fired[0] - s, profiling[0] - s, forText);
            } finally {
                target.destroyForcibly();
                target.waitFor(20, TimeUnit.SECONDS);
            }
        }
        System.out.printf("detection latency, median of %d: spike → rule fired %d ms (%d–%d), spike → profiling %d ms"
                + " (%d–%d); the rule's 'for' is %s of that%n", runs, median(toFire), min(toFire), max(toFire),
                median(toProfiling), min(toProfiling), max(toProfiling), forText);
    }

    static void overhead(Path root, Path out, int pairs, String java, Profiler profiler) throws Exception {
        Path log = out.resolve("workload.log");
        Path marks = out.resolve("marks.txt");
        Process w = new ProcessBuilder(java, "-Xmx128m", root.resolve("bench/attach/src/Workload.java").toString(),
                Integer.toString(Runtime.getRuntime().availableProcessors())).redirectOutput(log.toFile())
                .redirectErrorStream(false).start();
        JfrLookback ring = new JfrLookback(profiler.agentPathInTarget());
        List<String> lines = new ArrayList<>();
        try {
            Thread.sleep(5000);
            // JFR's one-time start-up in the target (classes, threads) is not the ring's running cost
            ring.start(w.pid());
            Thread.sleep(2000);
            ring.stop(w.pid());
            for (int i = 1; i <= pairs; i++) {
                long a = System.currentTimeMillis() + 500;
                Thread.sleep(6500);
                lines.add(i + " idle " + a + " " + (a + 6000));
                ring.start(w.pid());
                long b = System.currentTimeMillis() + 500;
                Thread.sleep(6500);
                lines.add(i + " profiled " + b + " " + (b + 6000));
                ring.dump(w.pid(), Instant.ofEpochMilli(b)); // what a firing costs too
                ring.stop(w.pid());
            }
        } finally {
            w.destroyForcibly();
            w.waitFor(20, TimeUnit.SECONDS);
        }
        Files.write(marks, lines);
        Process o = new ProcessBuilder(java, root.resolve("bench/attach/src/Overhead.java").toString(), log.toString(),
                marks.toString()).inheritIO().start();
        o.waitFor(120, TimeUnit.SECONDS);
        System.out.println("(above: 'profiled' = the look-back ring running, JFR execution samples every "
                + "100 ms, not async-profiler)");
    }

    static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static long min(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    static long max(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
