package dev.pyrometer.controller.http;

import io.vertx.core.json.JsonObject;

/** An expected failure of an HTTP request: its HTTP status, the field at fault (if any) and a message. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ApiException badField(String field, String message) {
        return new ApiException(400, field, field + ": " + message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, null, message);
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        return new JsonObject().put("error", getMessage()).put("field", field);
    }
}
