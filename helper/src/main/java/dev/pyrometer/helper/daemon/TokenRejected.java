package dev.pyrometer.helper.daemon;

/** The controller answered 401 to the helper's token: retrying would not help, the operator must fix it. */
public final class TokenRejected extends RuntimeException {
    TokenRejected() {
        super("the controller refused the helper's token (HTTP 401); set PYROMETER_TOKEN or --token-file"
                + " to the controller's token and restart the helper");
    }
}
