package dev.pyrometer.controller;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A real controller on a free port in its own Vert.x, with an authenticated client; closing it drops every connection. */
final class RunningController implements AutoCloseable {
    static final String TOKEN = "test-token-5b0c2f9e1d";
    static final Duration WAIT = Duration.ofSeconds(30);

    final Vertx vertx;
    final Path data;
    final int port;
    final WebClient client;
    /** http, or https for a controller given a certificate (the client above then only speaks to plain ones). */
    final String scheme;

    private RunningController(Vertx vertx, Path data, int port, String scheme) {
        this.vertx = vertx;
        this.data = data;
        this.port = port;
        this.scheme = scheme;
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    static RunningController start(Path data) {
        return start(ControllerConfig.of("127.0.0.1", 0, data, TOKEN));
    }

    static RunningController start(ControllerConfig config) {
        Vertx vertx = Vertx.vertx();
        var verticle = new ControllerVerticle(config);
        await(vertx.deployVerticle(verticle));
        return new RunningController(vertx, config.dataDir(), verticle.actualPort(), config.scheme());
    }

    String baseUrl() {
        return scheme + "://127.0.0.1:" + port;
    }

    HttpResponse<Buffer> get(String path) {
        return await(client.get(path).bearerTokenAuthentication(TOKEN).send());
    }

    JsonObject getObject(String path) {
        var r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject();
    }

    JsonArray getArray(String path) {
        var r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonArray();
    }

    HttpResponse<Buffer> post(String path, String body) {
        return await(client.post(path).bearerTokenAuthentication(TOKEN).sendBuffer(Buffer.buffer(body)));
    }

    /** Polls {@code probe} until {@code done} holds; fails after {@link #WAIT} saying what it last saw. */
    static <T> T until(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20); // polling interval, not synchronisation: the deadline decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
