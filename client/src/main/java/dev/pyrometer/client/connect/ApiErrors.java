package dev.pyrometer.client.connect;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.json.JsonReader;
import java.net.URI;

/** Turns a controller's error answer ({@code {"error","field"}} or a bare status) into one line and an exit code. */
record ApiErrors(URI base, Token token, String feature) {
    /** What the controller answers for a route it does not have; an older controller says this for new features. */
    private static final String NO_ROUTE = "no such API endpoint";

    CommandFailure failure(int status, String body, String method, String path) {
        String message = message(body);
        return switch (status) {
            case 401 -> CommandFailure.remote("the controller at " + base + " refused the token from " + token.source()
                    + " (401); use the token the controller was started with");
            case 400 -> CommandFailure.usage(message != null ? message
                    : "the controller refused " + method + " " + path + " (400)");
            case 404 -> message == null || message.startsWith(NO_ROUTE) ? unsupported(method, path)
                    : CommandFailure.target(message);
            case 409 -> CommandFailure.target(message != null ? message : "conflict (409) on " + method + " " + path);
            default -> CommandFailure.remote("the controller at " + base + " answered " + status + " to " + method + " "
                    + path + (message != null ? ": " + message : ""));
        };
    }

    private CommandFailure unsupported(String method, String path) {
        if (feature != null) {
            return CommandFailure.remote("this controller (" + base + ") does not support " + feature + "; upgrade it");
        }
        return CommandFailure.remote("the controller at " + base + " has no " + method + " " + path
                + "; is --controller pointing at a Pyrometer controller of this version?");
    }

    /** The API's own message, or the first line of whatever else answered (a proxy's page, say). */
    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            String error = JsonFields.of(JsonReader.parse(body)).text("error");
            return error.isEmpty() ? null : error;
        } catch (IllegalArgumentException notJson) {
            String line = body.strip().lines().findFirst().orElse("");
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        }
    }
}
