package dev.pyrometer.controller.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Logger;

/** One line per request: method, path, status, milliseconds. Never headers, so never a token. */
public final class AccessLog implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger("dev.pyrometer.controller.access");

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(v -> LOG.info(() -> ctx.request().method() + " " + ctx.request().path() + " "
                + ctx.response().getStatusCode() + " " + (System.nanoTime() - start) / 1_000_000 + "ms"));
        ctx.next();
    }
}
