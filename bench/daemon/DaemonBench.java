import dev.pyrometer.helper.profile.RecordingSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helper daemon bench: API call → first sample through a warm daemon, on never-attached and on
 * already-attached pegged JVMs; then the daemon's idle RSS and CPU. Run by bench/daemon/run.sh.
 * The first sample's time is read from the recording itself (the agent's JFR event timestamps),
 * against the wall clock just before the POST; both clocks are this machine's.
 */
public final class DaemonBench {
    static final String TOKEN = "bench-" + Long.toHexString(System.nanoTime());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final List<Process> STARTED = new ArrayList<>();
    static String base;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        int targets = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        String helperOpts = args[4];
        Runtime.getRuntime().addShutdownHook(new Thread(DaemonBench::killAll));
        Files.createDirectories(out);
        // In production the controller and the API's caller run on other machines, not on the pegged one;
        // here they share the two cores with the targets, so as root they run at a high priority to stand
        // in for that: the controller, and this JVM's own threads (the HTTP client that times the call).
        // Children get absolute nice values: the targets run at 0, as any JVM would.
        if (isRoot()) {
            reniceThisJvm(-10);
        }
        List<String> controllerCmd = new ArrayList<>(isRoot() ? niceAt(-10) : List.of());
        controllerCmd.addAll(List.of(root.resolve("bin/pyrometer-controller").toString(), "serve", "--port", "0",
                "--data", out.resolve("controller").toString()));
        start(out.resolve("controller.log"), Map.of("PYROMETER_TOKEN", TOKEN,
                "PYROMETER_CONTROLLER_JAVA_OPTS", "-Xmx256m"), controllerCmd.toArray(String[]::new));
        Matcher port = await(out.resolve("controller.log"), Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
        base = "http://127.0.0.1:" + port.group(1);
        Process helper = start(out.resolve("helper.log"), Map.of("PYROMETER_TOKEN", TOKEN, "PYROMETER_HOME",
                out.resolve("helper-home").toString(), "PYROMETER_HELPER_JAVA_OPTS", helperOpts),
                root.resolve("bin/pyrometer-helper").toString(), "serve", "--controller", base, "--host", "bench",
                "--spool", out.resolve("spool").toString());
        await(out.resolve("helper.log"), Pattern.compile("connected to"));
        long helperPid = helper.descendants().findFirst().map(ProcessHandle::pid).orElse(helper.pid());

        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = root.resolve("helper/target/test-classes").toString();
        // Target 0 warms the daemon up (as a daemon running for a while would be); not counted.
        for (int i = 0; i <= targets; i++) {
            List<String> targetCmd = new ArrayList<>(isRoot() ? niceAt(0) : List.of());
            targetCmd.addAll(List.of(java, "-cp", classes, "dev.pyrometer.helper.testing.CpuBurner",
                    Integer.toString(threads)));
            Process target = start(out.resolve("target-" + i + ".log"), Map.of(), targetCmd.toArray(String[]::new));
            await(out.resolve("target-" + i + ".log"), Pattern.compile("ready"));
            awaitListed(target.pid());
            Thread.sleep(2000); // let its JIT settle: a pegged steady state, not C2 compiling
            long first = firstSampleMillis(target.pid(), out);
            long again = firstSampleMillis(target.pid(), out);
            if (i > 0) {
                cold.add(first);
                warm.add(again);
            }
            System.out.printf("target %d: never attached %d ms, attached before %d ms%n", i, first, again);
            target.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // Idle: no targets, connected, heartbeats and inventory only.
        Thread.sleep(15_000);
        long rss = rssBytes(helperPid);
        long ticks0 = cpuTicks(helperPid);
        long t0 = System.nanoTime();
        Thread.sleep(30_000);
        double idleCpu = (cpuTicks(helperPid) - ticks0) / 100.0 / ((System.nanoTime() - t0) / 1e9) * 100;
        long rssAfter = rssBytes(helperPid);
        var result = new JsonObject().put("date", Instant.now().toString()).put("targets", targets)
                .put("threads", threads).put("helper_java_opts", helperOpts)
                .put("never_attached_ms", new JsonArray(cold)).put("attached_before_ms", new JsonArray(warm))
                .put("never_attached_median_ms", median(cold)).put("attached_before_median_ms", median(warm))
                .put("idle_rss_bytes", Math.max(rss, rssAfter)).put("idle_cpu_percent", idleCpu);
        Files.writeString(out.resolve("results.json"), result.encodePrettily());
        System.out.println(result.encodePrettily());
    }

    /** POST a 2 s profile and return ms from just before the POST to the recording's first sample. */
    static long firstSampleMillis(long pid, Path out) throws Exception {
        Instant t0 = Instant.now();
        var created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/profiles"))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("host", "bench").put("pid", pid)
                        .put("duration", "2s").encode())));
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST /profiles: " + created.statusCode() + " " + created.body());
        }
        String id = new JsonObject(created.body()).getString("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long toRecord;
        long commandToSampling;
        while (true) {
            JsonObject p = new JsonObject(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/profiles/" + id)).GET()).body());
            if ("done".equals(p.getString("state"))) {
                toRecord = Duration.between(t0, Instant.parse(p.getString("created"))).toMillis();
                Matcher m = Pattern.compile("(\\d+) ms from the command to sampling").matcher(p.getString("detail"));
                commandToSampling = m.find() ? Long.parseLong(m.group(1)) : -1;
                System.out.println("  " + id + ": API call to controller's record " + toRecord + " ms; " + p.getString("detail"));
                break;
            }
            if ("failed".equals(p.getString("state")) || System.nanoTime() > deadline) {
                throw new IllegalStateException("profile " + id + ": " + p.encode());
            }
            Thread.sleep(200);
        }
        Path jfr = out.resolve(id + ".jfr");
        HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/profiles/" + id + "/recording.jfr")).GET()),
                HttpResponse.BodyHandlers.ofFile(jfr));
        long first = RecordingSummary.read(jfr).firstSampleEpochNanos();
        long t0Nanos = t0.getEpochSecond() * 1_000_000_000L + t0.getNano();
        long total = (first - t0Nanos) / 1_000_000L;
        // The agent stamps the recording's start when `start` runs inside the target: what follows is sampling.
        long agentStartToFirst;
        try (one.jfr.JfrReader reader = new one.jfr.JfrReader(jfr.toString())) {
            agentStartToFirst = (first - reader.startNanos) / 1_000_000L;
        }
        System.out.println("  agent start -> first sample " + agentStartToFirst + " ms (recording's start);"
                + " remainder (controller -> helper hop, less the helper's steps after `load` that overlap sampling) "
                + (total - toRecord - commandToSampling - agentStartToFirst) + " ms");
        return total;
    }

    static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Every thread of this JVM at {@code nice}; threads started later inherit it from their creator. */
    static void reniceThisJvm(int nice) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> cmd.add(t.getFileName().toString()));
        }
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    /** A {@code nice} prefix that runs a child at {@code nice}, whatever this thread's own value. */
    static List<String> niceAt(int nice) throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        int own = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        return List.of("nice", "-n", Integer.toString(nice - own));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(authorized(b), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest authorized(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build();
    }

    static void awaitListed(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // listed and attachable: a JVM seen while still starting (no SIGQUIT handler yet) is listed as not
        // attachable until the helper's next look, 5 s later
        while (!new JsonArray(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jvms?host=bench")).GET()).body())
                .stream().map(JsonObject.class::cast)
                .anyMatch(j -> j.getLong("pid") == pid && Boolean.TRUE.equals(j.getBoolean("attachable")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("JVM " + pid + " not in the helper's inventory as attachable within 60 s");
            }
            Thread.sleep(200);
        }
    }

    static Process start(Path log, Map<String, String> env, String... cmd) throws IOException {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    static Matcher await(Path log, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pattern + " not in " + log + " within 90 s");
            }
            Thread.sleep(100);
        }
    }

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.isEmpty() ? -1 : s.get(s.size() / 2);
    }

    static void killAll() {
        for (Process p : STARTED) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : STARTED) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
