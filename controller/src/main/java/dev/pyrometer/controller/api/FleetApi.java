package dev.pyrometer.controller.api;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.fleet.Host;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;

/** {@code /api/v1/hosts}, {@code /jvms}, a helper round-trip probe and the controller's own metrics. */
public final class FleetApi {
    private final Fleet fleet;

    public FleetApi(Fleet fleet) {
        this.fleet = fleet;
    }

    public void handleHosts(RoutingContext ctx) {
        var array = new JsonArray();
        fleet.hosts().forEach(h -> array.add(h.toJson()));
        Json.ok(ctx, array);
    }

    public void handleJvms(RoutingContext ctx) {
        String host = ctx.queryParams().get("host");
        if (host != null && fleet.host(host).isEmpty()) {
            throw new ApiException(404, "host", "host: no host named '" + host + "'");
        }
        Json.ok(ctx, new JsonArray(fleet.jvmsJson(host)));
    }

    /** Sends {@code ping} to one helper and reports how long its reply took. */
    public void handlePing(RoutingContext ctx) {
        String name = ctx.pathParam("host");
        Host host = fleet.host(name).orElseThrow(() -> ApiException.notFound("no host named '" + name + "'"));
        var session = host.session().orElseThrow(() -> ApiException.conflict("host '" + name + "' is offline"));
        long start = System.nanoTime();
        session.send(new WireMessage.Ping(session.nextCommandId()))
                .map(reply -> new JsonObject().put("host", name).put("ok", reply.ok())
                        .put("rtt_us", (System.nanoTime() - start) / 1000))
                .recover(e -> io.vertx.core.Future.failedFuture(new ApiException(504, null, e.getMessage())))
                .onSuccess(body -> Json.ok(ctx, body))
                .onFailure(ctx::fail);
    }

    public void handleMetrics(RoutingContext ctx) {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Json.ok(ctx, new JsonObject().put("heap_used_bytes", heap.getUsed())
                .put("heap_committed_bytes", heap.getCommitted()).put("heap_max_bytes", heap.getMax())
                .put("hosts_known", fleet.hosts().size()).put("hosts_online", fleet.onlineCount()));
    }
}
