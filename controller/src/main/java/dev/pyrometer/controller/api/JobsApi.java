package dev.pyrometer.controller.api;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.jobs.JobScheduler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/jobs}: periodic sampling jobs and their recent runs. */
public final class JobsApi {
    static final int RECENT_RUNS = 20;

    private final JobScheduler jobs;

    public JobsApi(JobScheduler jobs) {
        this.jobs = jobs;
    }

    public void handleCreate(RoutingContext ctx) {
        jobs.create(ProfilesApi.bodyObject(ctx)).onSuccess(j -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/jobs/" + j.id());
            Json.send(ctx, 201, new JsonObject().put("id", j.id()));
        }).onFailure(ctx::fail);
    }

    public void handleList(RoutingContext ctx) {
        var array = new JsonArray();
        jobs.list().forEach(j -> array.add(j.toJson()));
        Json.ok(ctx, array);
    }

    public void handleGet(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        var job = jobs.get(id);
        jobs.runs(id, RECENT_RUNS).onSuccess(runs -> {
            var array = new JsonArray();
            runs.forEach(r -> array.add(r.toJson()));
            Json.ok(ctx, job.toJson().put("runs", array));
        }).onFailure(ctx::fail);
    }

    public void handleAction(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        var action = switch (ctx.pathParam("action")) {
            case "pause" -> jobs.pause(id);
            case "resume" -> jobs.resume(id);
            default -> throw ApiException.notFound("no action '" + ctx.pathParam("action") + "'; use pause or resume");
        };
        action.onSuccess(j -> Json.ok(ctx, j.toJson())).onFailure(ctx::fail);
    }

    public void handleDelete(RoutingContext ctx) {
        jobs.delete(ctx.pathParam("id")).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
