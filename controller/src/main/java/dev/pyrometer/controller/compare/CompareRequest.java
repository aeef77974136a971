package dev.pyrometer.controller.compare;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.profiles.ProfileRequest;
import java.time.Instant;

/** A validated {@code GET /compare} query: two releases of one app, one event, an optional time window. */
public record CompareRequest(String app, String base, String neu, String event, Instant since, Instant until) {

    public CompareRequest {
        app = required("app", app);
        base = required("base", base);
        neu = required("new", neu);
        event = event == null ? "cpu" : event;
        if (!ProfileRequest.EVENTS.contains(event)) {
            throw ApiException.badField("event", "'" + event + "' is not one of " + ProfileRequest.EVENTS);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badField("until", "must be after since");
        }
    }

    private static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.badField(field, "missing");
        }
        return v;
    }
}
