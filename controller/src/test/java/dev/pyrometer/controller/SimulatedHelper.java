package dev.pyrometer.controller;

import dev.pyrometer.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A small real helper for tests: a WebSocket client and an HTTP uploader speaking docs/protocol.md. */
final class SimulatedHelper implements AutoCloseable {
    final String host;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final Vertx vertx;
    private final HttpClient http;
    private final int port;
    private WebSocket ws;
    /** Held on purpose: Vert.x closes a client that becomes unreachable, and its sockets with it. */
    private WebSocketClient wsClient;
    private long heartbeats = -1;

    private SimulatedHelper(Vertx vertx, int port, String host) {
        this.vertx = vertx;
        this.port = port;
        this.host = host;
        this.http = vertx.createHttpClient();
    }

    /** Connects, says hello, sends an inventory with the given JVMs and heartbeats every second. */
    static SimulatedHelper connect(int port, String host, JsonObject... jvms) {
        var helper = hello(port, host);
        helper.startHeartbeats(1000);
        helper.send(new JsonObject().put("type", "inventory").put("jvms", new JsonArray(java.util.List.of((Object[]) jvms))));
        return helper;
    }

    /** Connects and says nothing. */
    static SimulatedHelper silent(int port) {
        var helper = new SimulatedHelper(Vertx.vertx(), port, null);
        helper.open(RunningController.TOKEN);
        return helper;
    }

    /** Connects and says hello only. */
    static SimulatedHelper hello(int port, String host) {
        var helper = new SimulatedHelper(Vertx.vertx(), port, host);
        helper.open(RunningController.TOKEN);
        helper.send(new JsonObject().put("type", "hello").put("host", host).put("helper_version", "test")
                .put("boot_id", "boot-1").put("cores", 2).put("mem_total_bytes", 1L << 33));
        return helper;
    }

    /**
     * From now on answers every {@code profile.start} by itself, on its own thread: replies ok, uploads
     * a recording and {@code collapsed}, reports done. Every start it saw lands in {@link #starts}.
     * Use instead of {@link #take}, not with it.
     */
    final BlockingQueue<JsonObject> starts = new LinkedBlockingQueue<>();
    private volatile boolean closing;

    void autoProfile(byte[] collapsed) {
        Thread t = new Thread(() -> {
            try {
                while (!closing) {
                    JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
                    if (m == null || !"profile.start".equals(m.getString("type"))) {
                        continue;
                    }
                    starts.add(m);
                    String id = m.getString("profile_id");
                    reply(m, true, null);
                    upload(id, Protocol.RECORDING, "jfr".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    upload(id, Protocol.COLLAPSED, collapsed);
                    state(id, "done", new JsonObject().put("samples", 100));
                }
            } catch (InterruptedException | AssertionError | RuntimeException e) {
                // the test closed this helper
            }
        }, "simulated-helper-" + host);
        t.setDaemon(true);
        t.start();
    }

    static JsonObject jvm(long pid, String app, String release) {
        return new JsonObject().put("pid", pid).put("main_class", "com.example.Main").put("jdk_version", "17")
                .put("uptime_ms", 5000).put("cpu_percent", 99.5).put("rss_bytes", 200_000_000L)
                .put("containerized", false).put("attachable", true).put("app", app).put("release", release);
    }

    private void open(String token) {
        WebSocketClient client = wsClient = vertx.createWebSocketClient();
        var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(Protocol.CONNECT_PATH).addHeader("Authorization", "Bearer " + token);
        ws = RunningController.await(client.connect(options));
        ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    }

    void send(JsonObject message) {
        RunningController.await(ws.writeTextMessage(message.encode()));
    }

    void startHeartbeats(long everyMs) {
        stopHeartbeats();
        heartbeats = vertx.setPeriodic(everyMs, id -> ws.writeTextMessage(
                new JsonObject().put("type", "heartbeat").put("sent", java.time.Instant.now().toString()).encode()));
    }

    void stopHeartbeats() {
        if (heartbeats >= 0) {
            vertx.cancelTimer(heartbeats);
            heartbeats = -1;
        }
    }

    boolean closed() {
        return ws.isClosed();
    }

    /** The next frame of the given type the controller sent, within the test deadline. */
    JsonObject take(String type) {
        long deadline = System.nanoTime() + RunningController.WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no '" + type + "' frame from the controller in time");
                }
                if (type.equals(m.getString("type"))) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    void reply(JsonObject command, boolean ok, String message) {
        send(new JsonObject().put("type", "reply").put("re", command.getString("id")).put("ok", ok).put("message", message));
    }

    void state(String profileId, String state, JsonObject extra) {
        send(new JsonObject().put("type", "profile.state").put("profile_id", profileId).put("state", state)
                .mergeIn(extra == null ? new JsonObject() : extra));
    }

    /** Uploads an artifact with the body's true digest; returns the HTTP status. */
    int upload(String profileId, String name, byte[] body) {
        return upload(profileId, name, body, sha256(body));
    }

    int upload(String profileId, String name, byte[] body, String digest) {
        Future<Integer> status = http.request(uploadOptions(profileId, name, digest))
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
        return RunningController.await(status);
    }

    /**
     * Announces the whole recording but sends only its first half and leaves the request open: the
     * upload a crash of the controller cuts off mid-body, for the tests of what it does on restart.
     */
    void uploadHalfOfRecording(String profileId, byte[] recording) {
        var options = uploadOptions(profileId, Protocol.RECORDING, sha256(recording))
                .putHeader("Content-Length", String.valueOf(recording.length));
        HttpClientRequest upload = RunningController.await(http.request(options));
        RunningController.await(upload.write(Buffer.buffer(java.util.Arrays.copyOf(recording, recording.length / 2))));
    }

    private RequestOptions uploadOptions(String profileId, String name, String digest) {
        return new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1").setPort(port)
                .setURI(Protocol.uploadPath(profileId, name)).putHeader("Authorization", "Bearer " + RunningController.TOKEN)
                .putHeader(Protocol.DIGEST_HEADER, digest);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        closing = true;
        RunningController.await(vertx.close());
    }
}
