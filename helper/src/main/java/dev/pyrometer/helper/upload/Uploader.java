package dev.pyrometer.helper.upload;

import dev.pyrometer.wire.Protocol;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Uploads one artifact by a streamed HTTP PUT with its SHA-256, and says what the answer means.
 * Blocking, with a deadline that grows with the size (a slow link still gets through).
 */
public final class Uploader {
    private static final Duration BASE_DEADLINE = Duration.ofSeconds(30);
    /** Assume at least 1 MiB/s; slower than that an upload is considered stuck. */
    private static final long BYTES_PER_SECOND = 1 << 20;

    private final HttpClient http;
    private final URI controller;
    private final String token;

    public Uploader(HttpClient http, URI controller, String token) {
        this.http = http;
        this.controller = controller;
        this.token = token;
    }

    /** One attempt; {@code detail} of the result is a line for the log (never the token). */
    public Result put(String profileId, String name, Path file, String sha256, long size) {
        URI uri = controller.resolve(Protocol.uploadPath(profileId, name));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(BASE_DEADLINE.plusSeconds(size / BYTES_PER_SECOND))
                    .header("Authorization", "Bearer " + token)
                    .header(Protocol.DIGEST_HEADER, sha256)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .build();
        } catch (FileNotFoundException e) {
            return new Result(UploadOutcome.REFUSED, "file " + file + " is gone from the spool");
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return new Result(UploadOutcome.of(status), "HTTP " + status + " " + oneLine(response.body()));
        } catch (IOException e) {
            return new Result(UploadOutcome.RETRY, "connection to " + controller + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(UploadOutcome.RETRY, "interrupted");
        }
    }

    private static String oneLine(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** The outcome and a human line saying why. */
    public record Result(UploadOutcome outcome, String detail) {
    }
}
