package dev.pyrometer.controller.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses the same way everywhere. */
final class Json {
    private Json() {
    }

    static void ok(RoutingContext ctx, Object body) {
        send(ctx, 200, body);
    }

    static void send(RoutingContext ctx, int status, Object body) {
        String text = body instanceof io.vertx.core.json.JsonObject o ? o.encode()
                : body instanceof io.vertx.core.json.JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(text);
    }
}
