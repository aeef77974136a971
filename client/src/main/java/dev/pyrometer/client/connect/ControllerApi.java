package dev.pyrometer.client.connect;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The controller's REST API over the JDK's HTTP client: every call has a connect and an overall
 * deadline, and every failure becomes a one-line {@link CommandFailure} naming the way out.
 */
public final class ControllerApi {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Downloads may wait for a rendering, which the controller gives up after 60 s (503, retry later):
     * with the default timeout they wait a little longer than that.
     */
    static final int RENDER_FACTOR = 3;

    private final URI base;
    private final Token token;
    private final String feature;
    private final Duration timeout;
    private final HttpClient http;

    ControllerApi(URI base, Token token, Duration timeout) {
        this(base, token, null, timeout, httpClient(base));
    }

    /**
     * The JDK's client loads the default TLS context (security providers, the CA store) when it is
     * built, whether or not it will speak TLS: about 0.1 s of a command's start. A plain-http base with
     * redirects never followed cannot lead to TLS, so it gets a context that is never initialised;
     * an https base gets the default one.
     */
    static HttpClient httpClient(URI base) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(base.getScheme())) {
            try {
                builder.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
            } catch (NoSuchAlgorithmException e) {
                // no TLS in this JDK at all: the default context fails the same way, later
            }
        }
        return builder.build();
    }

    private ControllerApi(URI base, Token token, String feature, Duration timeout, HttpClient http) {
        this.base = base;
        this.token = token;
        this.feature = feature;
        this.timeout = timeout;
        this.http = http;
    }

    /** The same client, saying "this controller does not support {@code name}" when a route is missing. */
    public ControllerApi forFeature(String name) {
        return new ControllerApi(base, token, name, timeout, http);
    }

    public URI base() {
        return base;
    }

    public String get(String path, Map<String, String> query) {
        return text(request(path + queryString(query)).GET(), "GET", path, timeout);
    }

    public String get(String path) {
        return get(path, Map.of());
    }

    /**
     * {@code GET path} for a caller that polls: when the controller cannot be reached or does not answer
     * in time (restarting, say), returns empty instead of failing, and the caller decides how long to go on.
     * An answer with an error status still fails.
     */
    public Optional<String> poll(String path) {
        try {
            return Optional.of(exchange(request(path).GET().timeout(timeout).build(), "GET", path, timeout,
                    info -> BodySubscribers.ofString(StandardCharsets.UTF_8)));
        } catch (Unreachable e) {
            return Optional.empty();
        }
    }

    /** No answer at all (refused, lost, timed out): what {@link #poll} tolerates and every other call reports. */
    private static final class Unreachable extends RuntimeException {
        final CommandFailure failure;

        Unreachable(CommandFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    public String post(String path, String json) {
        return text(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), "POST", path, timeout);
    }

    public String delete(String path) {
        return text(request(path).DELETE(), "DELETE", path, timeout);
    }

    /** Streams {@code GET path} into {@code file}, replacing it only once the whole body arrived. */
    public void download(String path, Path file) {
        save(request(path).GET(), "GET", path, file);
    }

    /** Streams the answer to {@code POST path} with a JSON body into {@code file}. */
    public void downloadPost(String path, String json, Path file) {
        save(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), "POST", path, file);
    }

    /**
     * A path on this controller for an address the API handed out; the token is only ever sent to
     * the controller, so an absolute URL pointing elsewhere is refused.
     */
    public String pathOf(String address) {
        URI uri = base.resolve(address);
        if (!uri.getScheme().equals(base.getScheme()) || !uri.getAuthority().equals(base.getAuthority())) {
            throw CommandFailure.remote("the controller pointed to " + uri.getScheme() + "://" + uri.getAuthority()
                    + ", not to itself; refusing to send the token there");
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json");
    }

    private String text(HttpRequest.Builder request, String method, String path, Duration deadline) {
        try {
            return exchange(request.timeout(deadline).build(), method, path, deadline,
                    info -> BodySubscribers.ofString(StandardCharsets.UTF_8));
        } catch (Unreachable e) {
            throw e.failure;
        }
    }

    private void save(HttpRequest.Builder request, String method, String path, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CommandFailure.input("cannot write " + file + ": " + e.getMessage());
        }
        // created by the download itself, so it gets the permissions the user's umask gives any new file
        Path partial = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        try {
            Duration deadline = timeout.multipliedBy(RENDER_FACTOR);
            exchange(request.timeout(deadline).build(), method, path, deadline,
                    info -> BodySubscribers.ofFile(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Unreachable e) {
            throw e.failure;
        } catch (IOException e) {
            throw CommandFailure.input("cannot write " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a stray .part file is harmless; the download's own outcome matters more
            }
        }
    }

    /** Sends, waits at most {@code deadline}, and turns anything but a 2xx into a {@link CommandFailure}. */
    private <T> T exchange(HttpRequest request, String method, String path, Duration deadline,
                           Function<ResponseInfo, BodySubscriber<T>> onSuccess) {
        CompletableFuture<Outcome<T>> pending = http.sendAsync(request, info -> info.statusCode() / 100 == 2
                ? BodySubscribers.mapping(onSuccess.apply(info), body -> new Outcome<>(info.statusCode(), body, null))
                : BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8),
                        text -> new Outcome<T>(info.statusCode(), null, text))).thenApply(r -> r.body());
        Outcome<T> outcome;
        try {
            // the request timeout covers the headers; this deadline covers the whole body too
            outcome = pending.get(deadline.toMillis() + CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Unreachable(noAnswer(method, path, deadline));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw CommandFailure.remote("interrupted while waiting for " + method + " " + path);
        } catch (ExecutionException e) {
            CommandFailure failure = unreachable(e.getCause(), method, path, deadline);
            throw failure.exitCode() == dev.pyrometer.cli.ExitCodes.REMOTE ? new Unreachable(failure) : failure;
        }
        if (outcome.error() != null) {
            throw new ApiErrors(base, token, feature).failure(outcome.status(), outcome.error(), method, path);
        }
        return outcome.body();
    }

    private record Outcome<T>(int status, T body, String error) {
    }

    private CommandFailure unreachable(Throwable cause, String method, String path, Duration deadline) {
        Throwable local = cause instanceof java.io.UncheckedIOException u ? u.getCause() : cause;
        if (local instanceof java.nio.file.FileSystemException fs) {
            // the download's file could not be opened: a local problem, not the controller's
            return CommandFailure.input("cannot write " + fs.getFile() + ": " + fs.getClass().getSimpleName());
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return CommandFailure.remote("the controller at " + base + " did not accept a connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s; check --controller or $" + ConnectionOptions.URL_VARIABLE);
        }
        if (cause instanceof HttpTimeoutException) {
            return noAnswer(method, path, deadline);
        }
        if (cause instanceof ConnectException || cause != null && cause.getCause() instanceof ConnectException) {
            return CommandFailure.remote("cannot reach the controller at " + base
                    + " (connection refused); start it, or point --controller or $"
                    + ConnectionOptions.URL_VARIABLE + " at it");
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            return CommandFailure.remote("the TLS handshake with the controller at " + base + " failed: "
                    + cause.getMessage() + "; if its certificate comes from a private CA, trust that CA with"
                    + " PYROMETER_CLIENT_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=...\"");
        }
        String detail = cause == null ? "unknown failure" : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return CommandFailure.remote("lost the connection to the controller at " + base + " during " + method + " "
                + path + ": " + detail);
    }

    private CommandFailure noAnswer(String method, String path, Duration deadline) {
        return CommandFailure.remote("the controller at " + base + " did not answer " + method + " " + path
                + " within " + seconds(deadline) + "; check its log, try again, or allow more with --timeout");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String queryString(Map<String, String> query) {
        var joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }
}
