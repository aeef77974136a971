package dev.pyrometer.controller.http;

import io.vertx.core.json.JsonObject;

/** Reads optional fields of a JSON request body; a wrong type is a 400 naming the field. */
public final class BodyFields {
    private BodyFields() {
    }

    /** A non-blank string, or {@code fallback} when the field is absent or null. */
    public static String text(JsonObject body, String field, String fallback) {
        Object v = body.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw ApiException.badField(field, "must be a non-empty string");
        }
        return s;
    }
}
