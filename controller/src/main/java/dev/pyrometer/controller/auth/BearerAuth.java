package dev.pyrometer.controller.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; anything else gets a bare 401.
 * Compares digests of the tokens so the time taken tells nothing about the token, not even its length.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    public BearerAuth(String token) {
        this.expected = digest(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allows(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
        }
    }

    /** True when the header carries the token. */
    public boolean allows(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(header.substring(SCHEME.length()).trim()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
