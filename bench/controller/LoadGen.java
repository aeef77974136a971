// Load generator for bench/controller/run.sh: N simulated helpers, each its own WebSocket with
// heartbeats, against one controller; then command round trips to random helpers and the
// controller's heap after a full GC. Run as a single-file program with the controller's jars.
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class LoadGen {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long controllerPid = Long.parseLong(args[1]);
        int helpers = Integer.parseInt(args[2]);
        int pings = Integer.parseInt(args[3]);
        int sources = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        String token = System.getenv("PYROMETER_TOKEN");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[6]));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<WebSocketClient> clients = new ArrayList<>(); // held: Vert.x closes unreachable clients
        for (int s = 0; s < sources; s++) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(helpers + 10)
                    .setLocalAddress("127.0.0." + (1 + s)).setConnectTimeout(30_000)));
        }
        List<WebSocket> sockets = new ArrayList<>();
        AtomicInteger replies = new AtomicInteger();
        long t0 = System.nanoTime();
        int inFlight = 256;
        AtomicInteger next = new AtomicInteger();
        Promise<Void> allConnected = Promise.promise();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Runnable[] connectOne = new Runnable[1];
        connectOne[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= helpers) {
                return;
            }
            String host = "sim-" + i;
            var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setURI("/api/v1/helpers/connect").addHeader("Authorization", "Bearer " + token);
            clients.get(i % sources).connect(options).onComplete(ar -> {
                if (ar.succeeded()) {
                    WebSocket ws = ar.result();
                    synchronized (sockets) {
                        sockets.add(ws);
                    }
                    ws.textMessageHandler(text -> {
                        var m = new JsonObject(text);
                        if ("ping".equals(m.getString("type"))) {
                            replies.incrementAndGet();
                            ws.writeTextMessage(new JsonObject().put("type", "reply").put("re", m.getString("id"))
                                    .put("ok", true).encode());
                        }
                    });
                    ws.writeTextMessage(new JsonObject().put("type", "hello").put("host", host)
                            .put("helper_version", "bench").put("boot_id", "b").put("cores", 2)
                            .put("mem_total_bytes", 8L << 30).encode());
                    ws.writeTextMessage(new JsonObject().put("type", "inventory").put("jvms", new JsonArray()
                            .add(new JsonObject().put("pid", 1000 + i % 50).put("main_class", "com.shop.Main")
                                    .put("uptime_ms", 1000).put("cpu_percent", 12.5).put("rss_bytes", 300_000_000L)
                                    .put("attachable", true).put("app", "shop").put("release", "1.4"))).encode());
                    long offset = ThreadLocalRandom.current().nextLong(1, 5000);
                    vertx.setTimer(offset, t -> vertx.setPeriodic(5000, p -> {
                        if (!ws.isClosed()) {
                            ws.writeTextMessage("{\"type\":\"heartbeat\"}");
                        }
                    }));
                } else {
                    failed.incrementAndGet();
                    if (failed.get() <= 3) {
                        System.err.println("connect failed: " + ar.cause());
                    }
                }
                if (connected.incrementAndGet() == helpers) {
                    allConnected.complete();
                }
                connectOne[0].run();
            });
        };
        vertx.runOnContext(v -> {
            for (int k = 0; k < inFlight; k++) {
                connectOne[0].run();
            }
        });
        allConnected.future().await(left(deadline), TimeUnit.MILLISECONDS);
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("connected %d helpers (%d failed) in %.1f s%n", helpers - failed.get(), failed.get(), connectSeconds);

        HttpClient web = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(8));
        // wait until the controller shows them all online
        int online = 0;
        while (System.nanoTime() < deadline) {
            online = call(web, HttpMethod.GET, "/api/v1/metrics", token)
                    .await(left(deadline), TimeUnit.MILLISECONDS).body().getInteger("hosts_online");
            if (online >= helpers - failed.get()) {
                break;
            }
            Thread.sleep(200); // polling the controller, bounded by the deadline
        }
        System.out.printf("controller reports %d online%n", online);

        // warm-up: JIT and the garbage of the connect storm, not counted
        pingRound(vertx, web, token, helpers, Math.max(100, pings / 4), deadline);
        // round trips: HTTP POST /hosts/{h}/ping -> WS ping -> WS reply -> HTTP answer, 4 at a time
        long[][] measured = pingRound(vertx, web, token, helpers, pings, deadline);
        long[] endToEndUs = measured[0];
        long[] wsUs = measured[1];
        // peer in the same run: the same HTTP path through the controller without a helper behind it
        long[] healthUs = round(vertx, web, token, pings, deadline, HttpMethod.GET, () -> "/healthz")[0];
        Arrays.sort(healthUs);
        long failures = Arrays.stream(wsUs).filter(x -> x < 0).count();
        Arrays.sort(endToEndUs);
        long[] okWs = Arrays.stream(wsUs).filter(x -> x >= 0).sorted().toArray();

        // heap after a full GC, measured by the JVM itself
        run("jcmd", String.valueOf(controllerPid), "GC.run");
        String heapInfo = run("jcmd", String.valueOf(controllerPid), "GC.heap_info");
        Files.writeString(out.resolveSibling("heap-histogram.txt"),
                run("jcmd", String.valueOf(controllerPid), "GC.class_histogram"));
        var metrics = call(web, HttpMethod.GET, "/api/v1/metrics", token)
                .await(left(deadline), TimeUnit.MILLISECONDS).body();
        long heapUsed = metrics.getLong("heap_used_bytes");

        var result = new JsonObject().put("helpers", helpers).put("connect_failures", failed.get())
                .put("connect_seconds", connectSeconds).put("online", online).put("pings", pings)
                .put("ping_failures", failures)
                .put("rtt_http_p50_ms", pct(endToEndUs, 50)).put("rtt_http_p99_ms", pct(endToEndUs, 99))
                .put("rtt_ws_p50_ms", pct(okWs, 50)).put("rtt_ws_p99_ms", pct(okWs, 99))
                .put("peer_healthz_p50_ms", pct(healthUs, 50)).put("peer_healthz_p99_ms", pct(healthUs, 99))
                .put("heap_used_after_full_gc_mb", heapUsed / (1 << 20))
                .put("heap_max_mb", metrics.getLong("heap_max_bytes") / (1 << 20))
                .put("heap_info", heapInfo.trim());
        Files.writeString(out, result.encodePrettily());
        System.out.printf("command round trip to a random helper over HTTP+WebSocket: p50 %.2f ms, p99 %.2f ms"
                + " (WebSocket leg alone: p50 %.2f ms, p99 %.2f ms; %d failures)%n",
                pct(endToEndUs, 50), pct(endToEndUs, 99), pct(okWs, 50), pct(okWs, 99), failures);
        System.out.printf("peer, same run: GET /healthz (no helper behind it) p50 %.2f ms, p99 %.2f ms;"
                + " ping/healthz p99 ratio %.1f%n", pct(healthUs, 50), pct(healthUs, 99),
                pct(endToEndUs, 99) / pct(healthUs, 99));
        System.out.printf("controller heap used after full GC: %d MB of %d MB max%n", heapUsed >> 20,
                metrics.getLong("heap_max_bytes") >> 20);
        synchronized (sockets) {
            sockets.forEach(WebSocket::close);
        }
        vertx.close().await(20, TimeUnit.SECONDS);
        System.exit(failures == 0 && failed.get() == 0 ? 0 : 1);
    }

    /** Sends {@code pings} pings to random helpers, 4 in flight; returns end-to-end and WebSocket-leg micros. */
    static long[][] pingRound(Vertx vertx, HttpClient web, String token, int helpers, int pings, long deadline)
            throws Exception {
        return round(vertx, web, token, pings, deadline, HttpMethod.POST,
                () -> "/api/v1/hosts/sim-" + ThreadLocalRandom.current().nextInt(helpers) + "/ping");
    }

    /** Sends {@code count} requests, 4 in flight; returns end-to-end micros and the rtt_us each answer reports (-1 if none). */
    static long[][] round(Vertx vertx, HttpClient web, String token, int pings, long deadline, HttpMethod method,
                          java.util.function.Supplier<String> path) throws Exception {
        long[] endToEndUs = new long[pings];
        long[] wsUs = new long[pings];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        Promise<Void> allPinged = Promise.promise();
        Runnable[] pingOne = new Runnable[1];
        pingOne[0] = () -> {
            int k = issued.getAndIncrement();
            if (k >= pings) {
                return;
            }
            String uri = path.get();
            long start = System.nanoTime();
            call(web, method, uri, token).onComplete(ar -> {
                endToEndUs[k] = (System.nanoTime() - start) / 1000;
                if (ar.succeeded() && ar.result().status() == 200) {
                    wsUs[k] = ar.result().body().getLong("rtt_us", 0L);
                } else {
                    wsUs[k] = -1;
                }
                if (done.incrementAndGet() == pings) {
                    allPinged.complete();
                }
                pingOne[0].run();
            });
        };
        vertx.runOnContext(v -> {
            for (int k = 0; k < 4; k++) {
                pingOne[0].run();
            }
        });
        allPinged.future().await(left(deadline), TimeUnit.MILLISECONDS);
        return new long[][] {endToEndUs, wsUs};
    }

    record Answer(int status, JsonObject body) {
    }

    static Future<Answer> call(HttpClient http, HttpMethod method, String path, String token) {
        return http.request(new RequestOptions().setMethod(method).setURI(path)
                        .putHeader("Authorization", "Bearer " + token).setTimeout(30_000))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), json(resp.statusCode(), b))));
    }

    static JsonObject json(int status, Buffer body) {
        try {
            return status == 200 ? body.toJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            System.err.println("not JSON (" + status + "): " + body.toString().substring(0, Math.min(200, body.length())));
            return new JsonObject();
        }
    }

    static double pct(long[] sortedUs, int p) {
        if (sortedUs.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sortedUs.length) - 1;
        return sortedUs[Math.max(0, Math.min(sortedUs.length - 1, idx))] / 1000.0;
    }

    static long left(long deadline) {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new IllegalStateException("bench deadline passed");
        }
        return ms;
    }

    static String run(String... cmd) throws Exception {
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return text;
    }
}
