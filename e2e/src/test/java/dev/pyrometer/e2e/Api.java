package dev.pyrometer.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The controller's REST API through a plain HTTP client, as a script or the CLI would call it. */
final class Api {
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);
    private final HttpClient http;
    private final String base;
    private final String token;

    Api(String base, String token) {
        this(base, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** An API client over {@code http}: one set up to trust a test certificate, for a controller serving HTTPS. */
    Api(String base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    record Response(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** Starts a profile and returns its id (fails the test unless the controller accepted it). */
    String profile(String host, long pid, String duration) {
        Response r = post("/api/v1/profiles", new JsonObject().put("host", host).put("pid", pid).put("duration", duration));
        if (r.status() != 202) {
            throw new AssertionError("POST /profiles answered " + r.status() + ": " + r.body());
        }
        return r.json().getString("id");
    }

    /** Waits until the profile is done (fails fast if it failed). */
    JsonObject awaitDone(String id, Duration deadline) {
        return Await.until(deadline, "profile " + id + " done", () -> {
            Response r = get("/api/v1/profiles/" + id);
            if (r.status() != 200) {
                return null;
            }
            JsonObject p = r.json();
            if ("failed".equals(p.getString("state"))) {
                throw new AssertionError("profile " + id + " failed: " + p.encode());
            }
            return "done".equals(p.getString("state")) ? p : null;
        });
    }

    /** Waits until the host's helper reports a JVM with this pid. */
    void awaitJvm(String host, long pid, Duration deadline) {
        Await.until(deadline, "JVM " + pid + " listed on host " + host, () -> {
            Response r = get("/api/v1/jvms?host=" + host);
            if (r.status() != 200) {
                return false;
            }
            JsonArray jvms = new JsonArray(r.body());
            for (int i = 0; i < jvms.size(); i++) {
                JsonObject j = jvms.getJsonObject(i);
                if (j.getLong("pid") == pid && "online".equals(j.getString("host_status"))) {
                    return true;
                }
            }
            return false;
        });
    }

    private Response send(HttpRequest.Builder b) {
        try {
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.timeout(REQUEST_DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
