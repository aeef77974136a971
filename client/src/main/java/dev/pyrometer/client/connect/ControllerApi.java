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
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The controller's REST API over the JDK's HTTP client: every call has a connect and an overall
 * deadline, and every failure becomes a one-line {@link CommandFailure} naming the way out.
 */
public final class ControllerApi {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The controller gives up rendering after 60 s (503, retry later); wait a little longer than that. */
    public static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final Token token;
    private final String feature;
    private final HttpClient http;

    ControllerApi(URI base, Token token) {
        this(base, token, null, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private ControllerApi(URI base, Token token, String feature, HttpClient http) {
        this.base = base;
        this.token = token;
        this.feature = feature;
        this.http = http;
    }

    /** The same client, saying "this controller does not support {@code name}" when a route is missing. */
    public ControllerApi forFeature(String name) {
        return new ControllerApi(base, token, name, http);
    }

    public URI base() {
        return base;
    }

    public String get(String path, Map<String, String> query) {
        return text(request(path + queryString(query)).GET(), "GET", path, REQUEST_TIMEOUT);
    }

    public String get(String path) {
        return get(path, Map.of());
    }

    public String post(String path, String json) {
        return text(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), "POST", path, REQUEST_TIMEOUT);
    }

    public String delete(String path) {
        return text(request(path).DELETE(), "DELETE", path, REQUEST_TIMEOUT);
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

    private String text(HttpRequest.Builder request, String method, String path, Duration timeout) {
        return exchange(request.timeout(timeout).build(), method, path, timeout,
                info -> BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    private void save(HttpRequest.Builder request, String method, String path, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path partial;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        } catch (IOException e) {
            throw CommandFailure.input("cannot write " + file + ": " + e.getMessage());
        }
        try {
            exchange(request.timeout(RENDER_TIMEOUT).build(), method, path, RENDER_TIMEOUT,
                    info -> BodySubscribers.ofFile(partial));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
            throw noAnswer(method, path, deadline);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw CommandFailure.remote("interrupted while waiting for " + method + " " + path);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause(), method, path, deadline);
        }
        if (outcome.error() != null) {
            throw new ApiErrors(base, token, feature).failure(outcome.status(), outcome.error(), method, path);
        }
        return outcome.body();
    }

    private record Outcome<T>(int status, T body, String error) {
    }

    private CommandFailure unreachable(Throwable cause, String method, String path, Duration deadline) {
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
        String detail = cause == null ? "unknown failure" : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return CommandFailure.remote("lost the connection to the controller at " + base + " during " + method + " "
                + path + ": " + detail);
    }

    private CommandFailure noAnswer(String method, String path, Duration deadline) {
        return CommandFailure.remote("the controller at " + base + " did not answer " + method + " " + path
                + " within " + deadline.toSeconds() + " s; check its log, or try again");
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
