package dev.pyrometer.client.connect;

/**
 * The controller's bearer token and where it came from; the source is named in errors, the value never is.
 *
 * @param source "$PYROMETER_TOKEN" or "--token-file PATH", for messages
 */
public record Token(String value, String source) {

    @Override
    public String toString() {
        return "Token[from " + source + ", value=<redacted>]";
    }
}
