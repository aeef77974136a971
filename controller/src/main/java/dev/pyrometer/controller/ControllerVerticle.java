package dev.pyrometer.controller;

import dev.pyrometer.controller.api.AccessLog;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.api.CompareApi;
import dev.pyrometer.controller.api.DiffApi;
import dev.pyrometer.controller.compare.Comparisons;
import dev.pyrometer.controller.api.JobsApi;
import dev.pyrometer.controller.jobs.JobScheduler;
import dev.pyrometer.controller.jobs.JobStore;
import dev.pyrometer.controller.retention.RetentionSweeper;
import dev.pyrometer.controller.api.RulesApi;
import dev.pyrometer.controller.rules.Rules;
import dev.pyrometer.controller.api.HooksApi;
import dev.pyrometer.controller.hooks.AlertmanagerHook;
import dev.pyrometer.controller.api.FleetApi;
import dev.pyrometer.controller.api.ProfilesApi;
import dev.pyrometer.controller.auth.BearerAuth;
import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.profiles.Profiles;
import dev.pyrometer.controller.render.Renderings;
import dev.pyrometer.controller.store.ArtifactStore;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The controller: wires store, fleet and API together and serves them on one HTTP port. */
public final class ControllerVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(ControllerVerticle.class.getName());
    private static final int JSON_BODY_LIMIT = 1 << 20;

    private final ControllerConfig config;
    private WorkerExecutor dbWorker;
    private WorkerExecutor renderWorker;
    private MetadataStore store;
    private Fleet fleet;
    private JobScheduler jobs;
    private RetentionSweeper retention;
    private HttpServer server;
    private volatile int actualPort;

    public ControllerVerticle(ControllerConfig config) {
        this.config = config;
    }

    /** The port listened on, useful when the configuration asked for 0. */
    public int actualPort() {
        return actualPort;
    }

    @Override
    public Future<?> start() {
        dbWorker = vertx.createSharedWorkerExecutor("pyrometer-db-" + System.identityHashCode(this), 1);
        renderWorker = vertx.createSharedWorkerExecutor("pyrometer-render-" + System.identityHashCode(this), 2);
        return vertx.executeBlocking(() -> {
            Files.createDirectories(config.dataDir());
            var artifacts = ArtifactStore.open(vertx, config.dataDir());
            store = MetadataStore.open(config.dataDir(), dbWorker);
            return artifacts;
        }).compose(artifacts -> {
            var profiles = new Profiles(store);
            fleet = new Fleet(vertx, store, config.offlineAfter(), config.commandDeadline(), profiles::onState);
            var renderings = new Renderings(artifacts, renderWorker);
            var comparisons = new Comparisons(store, renderings, renderWorker, config.dataDir());
            jobs = new JobScheduler(vertx, new JobStore(store), fleet, profiles, config.minJobPeriod());
            retention = new RetentionSweeper(vertx, store, artifacts, comparisons.directory(), config.retention(),
                    jobs::withRetention);
            var rules = new Rules(store, fleet);
            fleet.onProfileCreated(profiles::onCreated);
            var router = routes(new Apis(new FleetApi(fleet), new ProfilesApi(profiles, store, artifacts, renderings),
                    new DiffApi(store, renderings), new CompareApi(comparisons), new JobsApi(jobs), new RulesApi(rules),
                    new HooksApi(new AlertmanagerHook(fleet, profiles))));
            return fleet.start().compose(v -> profiles.start(fleet)).compose(v -> rules.start()).compose(v -> jobs.start())
                    .compose(v -> retention.start()).map(router);
        }).compose(router -> {
            HttpServerOptions options = new HttpServerOptions()
                    .setIdleTimeout(120)
                    .setMaxWebSocketFrameSize(Protocol.MAX_FRAME_BYTES)
                    .setMaxWebSocketMessageSize(Protocol.MAX_FRAME_BYTES);
            if (config.tls() != null) {
                // The token and the profiles cross the network: HTTPS and WSS when given a certificate.
                options.setSsl(true).setKeyCertOptions(config.tls().options());
            }
            server = vertx.createHttpServer(options);
            return server.requestHandler(router).listen(config.port(), config.bind());
        }).onSuccess(s -> actualPort = s.actualPort());
    }

    /** The request handlers, one object per subject. */
    private record Apis(FleetApi fleet, ProfilesApi profiles, DiffApi diff, CompareApi compare, JobsApi jobs,
                        RulesApi rules, HooksApi hooks) {
    }

    private Router routes(Apis apis) {
        FleetApi fleetApi = apis.fleet();
        ProfilesApi profilesApi = apis.profiles();
        DiffApi diffApi = apis.diff();
        CompareApi compareApi = apis.compare();
        JobsApi jobsApi = apis.jobs();
        RulesApi rulesApi = apis.rules();
        HooksApi hooksApi = apis.hooks();
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog());
        router.get("/healthz").handler(this::handleHealth);
        router.route("/api/*").handler(new BearerAuth(config.token()));
        router.get(Protocol.CONNECT_PATH).handler(this::handleHelperConnect);
        router.put("/api/v1/profiles/:id/artifacts/:name").handler(profilesApi::handleUpload);
        router.post("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT));
        router.get("/api/v1/hosts").handler(fleetApi::handleHosts);
        router.post("/api/v1/hosts/:host/ping").handler(fleetApi::handlePing);
        router.get("/api/v1/jvms").handler(fleetApi::handleJvms);
        router.get("/api/v1/metrics").handler(fleetApi::handleMetrics);
        router.post("/api/v1/profiles").handler(profilesApi::handleCreate);
        router.get("/api/v1/profiles").handler(profilesApi::handleList);
        router.get("/api/v1/profiles/:id").handler(profilesApi::handleGet);
        router.post("/api/v1/profiles/:id/cancel").handler(profilesApi::handleCancel);
        router.get("/api/v1/profiles/:id/:name").handler(profilesApi::handleArtifact);
        router.post("/api/v1/diff").handler(diffApi::handleDiff);
        router.get("/api/v1/compare").handler(compareApi::handleCompare);
        router.get("/api/v1/compare/:key/flamegraph.html").handler(compareApi::handleFlamegraph);
        router.post("/api/v1/jobs").handler(jobsApi::handleCreate);
        router.get("/api/v1/jobs").handler(jobsApi::handleList);
        router.get("/api/v1/jobs/:id").handler(jobsApi::handleGet);
        router.post("/api/v1/jobs/:id/:action").handler(jobsApi::handleAction);
        router.delete("/api/v1/jobs/:id").handler(jobsApi::handleDelete);
        router.post("/api/v1/rules").handler(rulesApi::handleCreate);
        router.get("/api/v1/rules").handler(rulesApi::handleList);
        router.get("/api/v1/rules/:id").handler(rulesApi::handleGet);
        router.delete("/api/v1/rules/:id").handler(rulesApi::handleDelete);
        router.post("/api/v1/hooks/alertmanager").handler(hooksApi::handleAlertmanager);
        router.route("/api/*").handler(ctx -> ctx.fail(ApiException.notFound("no such API endpoint: "
                + ctx.request().method() + " " + ctx.request().path())));
        // The UI shell holds no data and can do nothing without the token, which its login form asks for.
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(this::handleFailure);
        return router;
    }

    private void handleHealth(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", "ok").encode());
    }

    private void handleHelperConnect(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(fleet::accept).onFailure(ctx::fail);
    }

    /** The one place failures become responses: expected ones with their message, the rest as a bare 500. */
    private void handleFailure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e instanceof io.vertx.core.http.HttpClosedException) {
            LOG.fine(() -> ctx.request().method() + " " + ctx.request().path() + ": client went away");
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        int status;
        JsonObject body;
        if (e instanceof ApiException api) {
            status = api.status();
            body = api.toJson();
        } else if (e == null) {
            status = ctx.statusCode();
            body = new JsonObject().put("error", status == 413 ? "body too large" : "request failed");
        } else {
            status = 500;
            body = new JsonObject().put("error", "internal error; see the controller's log");
            LOG.log(Level.WARNING, ctx.request().method() + " " + ctx.request().path() + " failed", e);
        }
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "60");
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        // the store closes on its own worker, after the hosts the closed sockets marked offline
        if (jobs != null) {
            jobs.stop();
        }
        if (retention != null) {
            retention.stop();
        }
        return closed.eventually(() -> fleet == null ? Future.succeededFuture() : fleet.stop())
                .eventually(() -> store == null ? Future.succeededFuture() : store.shutdown())
                .eventually(() -> dbWorker.close()).eventually(() -> renderWorker.close());
    }
}
