package dev.pyrometer.controller.api;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.render.Renderings;
import dev.pyrometer.controller.store.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/diff}: a differential flame graph of two groups of profiles. */
public final class DiffApi {
    static final int MAX_PER_SIDE = 100;

    private final MetadataStore store;
    private final Renderings renderings;

    public DiffApi(MetadataStore store, Renderings renderings) {
        this.store = store;
        this.renderings = renderings;
    }

    public void handleDiff(RoutingContext ctx) {
        JsonObject body = ProfilesApi.bodyObject(ctx);
        List<String> base = ids(body, "base");
        List<String> next = ids(body, "new");
        Future<Path> rendering = collapsed(base).compose(b -> collapsed(next).compose(n -> renderings.diff(b, n)));
        ProfilesApi.withDeadline(rendering, "the comparison")
                .compose(html -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Cache-Control", "no-store").putHeader("Content-Security-Policy", "sandbox allow-scripts")
                        .sendFile(html.toString()))
                .onComplete(ar -> rendering.onSuccess(renderings::discard)) // also when it finishes past the deadline
                .onFailure(ctx::fail);
    }

    private Future<List<Path>> collapsed(List<String> ids) {
        Future<List<Path>> all = Future.succeededFuture(new ArrayList<>());
        for (String id : ids) {
            all = all.compose(list -> store.profile(id)
                    .compose(p -> p.isEmpty() ? Future.failedFuture(ApiException.notFound("no profile '" + id + "'"))
                            : renderings.collapsed(id))
                    .map(path -> {
                        list.add(path);
                        return list;
                    }));
        }
        return all;
    }

    private static List<String> ids(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof JsonArray array) || array.isEmpty()) {
            throw ApiException.badField(field, "must be a non-empty array of profile ids");
        }
        if (array.size() > MAX_PER_SIDE) {
            throw ApiException.badField(field, "at most " + MAX_PER_SIDE + " profiles per side");
        }
        var ids = new ArrayList<String>();
        for (Object id : array) {
            if (!(id instanceof String s) || s.isBlank()) {
                throw ApiException.badField(field, "every entry must be a profile id string");
            }
            ids.add(s);
        }
        return ids;
    }
}
