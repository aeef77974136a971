package dev.pyrometer.controller.api;

import dev.pyrometer.controller.compare.CompareRequest;
import dev.pyrometer.controller.compare.Comparisons;
import dev.pyrometer.controller.http.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/** {@code GET /api/v1/compare}: two releases of an app, ranked changes and a differential flame graph. */
public final class CompareApi {
    private final Comparisons comparisons;

    public CompareApi(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    public void handleCompare(RoutingContext ctx) {
        var q = ctx.queryParams();
        var req = new CompareRequest(q.get("app"), q.get("base"), q.get("new"), q.get("event"),
                ProfilesApi.time("since", q.get("since")), ProfilesApi.time("until", q.get("until")));
        ProfilesApi.withDeadline(comparisons.compare(req), "the comparison")
                .onSuccess(r -> Json.ok(ctx, r.toJson("/api/v1/compare/" + r.flamegraphKey() + "/flamegraph.html")))
                .onFailure(ctx::fail);
    }

    public void handleFlamegraph(RoutingContext ctx) {
        Path file = comparisons.flamegraph(ctx.pathParam("key"));
        if (file == null) {
            throw ApiException.notFound("no comparison '" + ctx.pathParam("key") + "'");
        }
        ctx.vertx().fileSystem().exists(file.toString()).compose(exists -> {
            if (!exists) {
                throw ApiException.notFound("comparison " + ctx.pathParam("key")
                        + " is no longer kept; run GET /api/v1/compare again");
            }
            return ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy", "sandbox allow-scripts").sendFile(file.toString());
        }).onFailure(ctx::fail);
    }
}
