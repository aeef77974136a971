package dev.pyrometer.controller.api;

import dev.pyrometer.controller.rules.Rules;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/rules}: automatic-profiling rules the helpers evaluate. */
public final class RulesApi {
    private final Rules rules;

    public RulesApi(Rules rules) {
        this.rules = rules;
    }

    public void handleCreate(RoutingContext ctx) {
        rules.create(ProfilesApi.bodyObject(ctx)).onSuccess(r -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/rules/" + r.rule().id());
            Json.send(ctx, 201, new JsonObject().put("id", r.rule().id()));
        }).onFailure(ctx::fail);
    }

    public void handleList(RoutingContext ctx) {
        var array = new JsonArray();
        rules.list().forEach(r -> array.add(r.toJson()));
        Json.ok(ctx, array);
    }

    public void handleGet(RoutingContext ctx) {
        Json.ok(ctx, rules.get(ctx.pathParam("id")).toJson());
    }

    public void handleDelete(RoutingContext ctx) {
        rules.delete(ctx.pathParam("id")).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
