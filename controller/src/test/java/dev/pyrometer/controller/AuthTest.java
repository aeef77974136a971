package dev.pyrometer.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AuthTest {
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            logLines.add(formatter.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private int port;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("").setLevel(Level.ALL);
        var verticle = new ControllerVerticle(ControllerConfig.of("127.0.0.1", 0, data, RunningController.TOKEN));
        vertx.deployVerticle(verticle).onComplete(ctx.succeeding(id -> {
            port = verticle.actualPort();
            ctx.completeNow();
        }));
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("").setLevel(Level.INFO);
    }

    @Test
    void healthzIsOpenAndEverythingElseNeedsTheToken(Vertx vertx, VertxTestContext ctx) {
        var client = WebClient.create(vertx);
        var checks = ctx.checkpoint(5);
        client.get(port, "127.0.0.1", "/healthz").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            checks.flag();
        })));
        client.get(port, "127.0.0.1", "/api/v1/hosts").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertEquals(401, r.statusCode());
            assertEquals(null, r.body(), "401 and nothing else");
            checks.flag();
        })));
        client.get(port, "127.0.0.1", "/api/v1/hosts").bearerTokenAuthentication("wrong-" + RunningController.TOKEN)
                .send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(401, r.statusCode());
                    checks.flag();
                })));
        client.post(port, "127.0.0.1", "/api/v1/profiles").putHeader("Authorization", "Basic " + RunningController.TOKEN)
                .send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(401, r.statusCode());
                    checks.flag();
                })));
        client.get(port, "127.0.0.1", "/api/v1/hosts").bearerTokenAuthentication(RunningController.TOKEN).send()
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(200, r.statusCode());
                    assertEquals("[]", r.bodyAsString());
                    checks.flag();
                })));
    }

    @Test
    void helperWithoutTheTokenIsRefusedBeforeTheUpgrade(Vertx vertx, VertxTestContext ctx) {
        var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/helpers/connect").addHeader("Authorization", "Bearer nope");
        vertx.createWebSocketClient().connect(options).onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertTrue(e.getMessage().contains("401"), e.getMessage());
            ctx.completeNow();
        })));
    }

    @Test
    void theTokenNeverAppearsInLogsOrResponses(Vertx vertx, VertxTestContext ctx) {
        var client = WebClient.create(vertx);
        client.post(port, "127.0.0.1", "/api/v1/profiles").bearerTokenAuthentication(RunningController.TOKEN)
                .sendJsonObject(new io.vertx.core.json.JsonObject().put("host", "h").put("pid", 1))
                .compose(r -> {
                    ctx.verify(() -> assertFalse(r.bodyAsString().contains(RunningController.TOKEN)));
                    return client.get(port, "127.0.0.1", "/api/v1/nothing-here")
                            .bearerTokenAuthentication(RunningController.TOKEN).send();
                })
                .compose(r -> client.get(port, "127.0.0.1", "/api/v1/hosts")
                        .bearerTokenAuthentication(RunningController.TOKEN + "x").send())
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertTrue(logLines.stream().anyMatch(l -> l.contains("/api/v1/profiles")),
                            "the access log saw the requests: " + logLines);
                    assertTrue(logLines.stream().noneMatch(l -> l.contains(RunningController.TOKEN)), "token leaked: " + logLines);
                    ctx.completeNow();
                })));
    }
}
