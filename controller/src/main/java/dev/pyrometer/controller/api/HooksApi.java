package dev.pyrometer.controller.api;

import dev.pyrometer.controller.hooks.AlertmanagerHook;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/hooks/*}: webhooks from monitoring systems that start profiles. */
public final class HooksApi {
    private final AlertmanagerHook alertmanager;

    public HooksApi(AlertmanagerHook alertmanager) {
        this.alertmanager = alertmanager;
    }

    public void handleAlertmanager(RoutingContext ctx) {
        alertmanager.handle(ProfilesApi.bodyObject(ctx)).onSuccess(r -> Json.send(ctx, 202, r)).onFailure(ctx::fail);
    }
}
