package dev.pyrometer.controller.api;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.ProfileRequest;
import dev.pyrometer.controller.profiles.Profiles;
import dev.pyrometer.controller.render.Renderings;
import dev.pyrometer.controller.store.ArtifactStore;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.controller.store.ProfileQuery;
import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Protocol;
import dev.pyrometer.wire.WireFormatException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/v1/profiles}: create, read, list, download and upload artifacts. */
public final class ProfilesApi {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            Protocol.RECORDING, "application/octet-stream",
            Protocol.COLLAPSED, "text/plain; charset=utf-8",
            Protocol.FLAMEGRAPH_HTML, "text/html; charset=utf-8",
            Protocol.FLAMEGRAPH_SVG, "image/svg+xml");

    private final Profiles profiles;
    private final MetadataStore store;
    private final ArtifactStore artifacts;
    private final Renderings renderings;

    public ProfilesApi(Profiles profiles, MetadataStore store, ArtifactStore artifacts, Renderings renderings) {
        this.profiles = profiles;
        this.store = store;
        this.artifacts = artifacts;
        this.renderings = renderings;
    }

    public void handleCreate(RoutingContext ctx) {
        var request = ProfileRequest.parse(bodyObject(ctx));
        profiles.create(request).onSuccess(p -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/profiles/" + p.id());
            Json.send(ctx, 202, new JsonObject().put("id", p.id()).put("state", p.state().wireName()));
        }).onFailure(ctx::fail);
    }

    public void handleCancel(RoutingContext ctx) {
        profiles.cancel(ctx.pathParam("id"))
                .onSuccess(p -> Json.send(ctx, 202, new JsonObject().put("id", p.id()).put("cancel", "sent")))
                .onFailure(ctx::fail);
    }

    public void handleGet(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.profile(id).compose(p -> p.isEmpty() ? Future.failedFuture(unknown(id))
                        : store.artifacts(id).map(a -> p.get().toJson().put("artifacts", new JsonObject(
                                new java.util.LinkedHashMap<String, Object>(a)))))
                .onSuccess(body -> Json.ok(ctx, body)).onFailure(ctx::fail);
    }

    public void handleList(RoutingContext ctx) {
        var q = ctx.queryParams();
        ProfileStatus state = null;
        if (q.get("state") != null) {
            try {
                state = ProfileStatus.parse(q.get("state"));
            } catch (WireFormatException e) {
                throw ApiException.badField("state", "'" + q.get("state")
                        + "' is not one of queued, attaching, profiling, rendering, uploading, done, failed");
            }
        }
        int limit = 200;
        if (q.get("limit") != null) {
            try {
                limit = Math.max(1, Math.min(1000, Integer.parseInt(q.get("limit"))));
            } catch (NumberFormatException e) {
                throw ApiException.badField("limit", "must be a whole number");
            }
        }
        var query = new ProfileQuery(q.get("host"), q.get("app"), q.get("release"), q.get("event"),
                time("since", q.get("since")), null, state, q.get("job"), limit);
        store.profiles(query).onSuccess(list -> {
            var array = new JsonArray();
            list.forEach(p -> array.add(p.toJson()));
            Json.ok(ctx, array);
        }).onFailure(ctx::fail);
    }

    public void handleArtifact(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String name = ctx.pathParam("name");
        if (!Protocol.ARTIFACTS.contains(name)) {
            throw ApiException.notFound("no artifact '" + name + "'; there are " + Protocol.ARTIFACTS);
        }
        store.profile(id).compose(p -> p.isEmpty() ? Future.failedFuture(unknown(id))
                        : withDeadline(renderings.artifact(id, name, titles(p.get())), name))
                .compose(path -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPES.get(name))
                        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                        // frame names come from the profiled program: never let its page act as ours
                        .putHeader("Content-Security-Policy", "sandbox allow-scripts")
                        .sendFile(path.toString()))
                .onFailure(ctx::fail);
    }

    /** {@code PUT .../artifacts/{name}}: streamed, checked against {@code X-Pyrometer-SHA256}, stored once. */
    public void handleUpload(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String name = ctx.pathParam("name");
        if (!Protocol.ARTIFACTS.contains(name)) {
            throw ApiException.badField("name", "'" + name + "' is not one of " + Protocol.ARTIFACTS);
        }
        String digest = ctx.request().getHeader(Protocol.DIGEST_HEADER);
        if (digest == null || !HEX_SHA256.matcher(digest).matches()) {
            throw new ApiException(400, Protocol.DIGEST_HEADER, Protocol.DIGEST_HEADER
                    + ": required, the hex SHA-256 of the body");
        }
        ctx.request().pause();
        store.profile(id)
                .compose(p -> p.isEmpty() ? Future.failedFuture(unknown(id))
                        : artifacts.receive(ctx.request(), id, name, digest.toLowerCase()))
                .compose(stored -> store.saveArtifact(id, name, stored.sha256(), stored.size()).map(stored))
                .onSuccess(stored -> Json.send(ctx, stored.outcome() == ArtifactStore.Outcome.CREATED ? 201 : 200,
                        new JsonObject().put("name", name).put("sha256", stored.sha256()).put("size", stored.size())
                                .put("stored", stored.outcome() == ArtifactStore.Outcome.CREATED ? "created" : "already")))
                .onFailure(ctx::fail);
    }

    /**
     * A rendering that takes longer than {@link #RENDER_DEADLINE_S} is answered 503 with Retry-After;
     * it goes on in the background and fills the cache, so the retry is served from disk.
     */
    static <T> Future<T> withDeadline(Future<T> rendering, String what) {
        return rendering.timeout(RENDER_DEADLINE_S, java.util.concurrent.TimeUnit.SECONDS)
                .recover(e -> Future.failedFuture(e instanceof java.util.concurrent.TimeoutException
                        ? new ApiException(503, null, what + " is still being rendered; try again in a minute")
                        : e));
    }

    static final long RENDER_DEADLINE_S = 60;

    /** "web-7 · pid 4242 · cpu" over "shop 1.4 · p-…", for views the controller draws itself. */
    private static dev.pyrometer.flame.RenderOptions titles(dev.pyrometer.controller.store.ProfileRecord p) {
        String app = p.app() == null ? "" : p.app() + (p.release() == null ? "" : " " + p.release()) + " · ";
        return dev.pyrometer.flame.RenderOptions.defaults()
                .withTitle(p.host() + " · pid " + p.pid() + " · " + p.event())
                .withSubtitle(app + p.id());
    }

    static JsonObject bodyObject(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw ApiException.badField("body", "missing; send a JSON object");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badField("body", "not a JSON object");
        }
    }

    /** An ISO instant or an age like {@code 2h} (meaning that long ago); errors name {@code field}. */
    static Instant time(String field, String text) {
        if (text == null) {
            return null;
        }
        var ago = Durations.parse(text);
        if (ago != null) {
            return Instant.now().minus(ago);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "'" + text + "' is neither an ISO instant nor an age like 2h");
        }
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("no profile '" + id + "'");
    }
}
