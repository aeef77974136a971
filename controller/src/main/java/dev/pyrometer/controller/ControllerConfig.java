package dev.pyrometer.controller;

import dev.pyrometer.controller.http.TlsFiles;
import dev.pyrometer.controller.retention.RetentionPolicy;
import dev.pyrometer.wire.Protocol;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a controller needs to start; tests shorten the timings.
 *
 * @param token the bearer token shared by API clients and helpers; never logged
 * @param minJobPeriod the shortest schedule a periodic job may have (tests use a second)
 * @param retention what the store keeps at most, and how often that is enforced
 * @param tls the certificate and key to serve HTTPS with, or null for plain HTTP
 */
public record ControllerConfig(String bind, int port, Path dataDir, String token, Duration offlineAfter,
                               Duration commandDeadline, Duration minJobPeriod, RetentionPolicy retention,
                               TlsFiles tls) {
    public static final Duration DEFAULT_MIN_JOB_PERIOD = Duration.ofMinutes(1);

    public ControllerConfig {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be empty");
        }
    }

    public static ControllerConfig of(String bind, int port, Path dataDir, String token) {
        return new ControllerConfig(bind, port, dataDir, token, Protocol.OFFLINE_AFTER, Protocol.COMMAND_DEADLINE,
                DEFAULT_MIN_JOB_PERIOD, RetentionPolicy.unlimited(), null);
    }

    public ControllerConfig withOfflineAfter(Duration d) {
        return new ControllerConfig(bind, port, dataDir, token, d, commandDeadline, minJobPeriod, retention, tls);
    }

    public ControllerConfig withCommandDeadline(Duration d) {
        return new ControllerConfig(bind, port, dataDir, token, offlineAfter, d, minJobPeriod, retention, tls);
    }

    public ControllerConfig withMinJobPeriod(Duration d) {
        return new ControllerConfig(bind, port, dataDir, token, offlineAfter, commandDeadline, d, retention, tls);
    }

    public ControllerConfig withRetention(RetentionPolicy r) {
        return new ControllerConfig(bind, port, dataDir, token, offlineAfter, commandDeadline, minJobPeriod, r, tls);
    }

    public ControllerConfig withTls(TlsFiles t) {
        return new ControllerConfig(bind, port, dataDir, token, offlineAfter, commandDeadline, minJobPeriod, retention, t);
    }

    /** How clients reach this controller: {@code https} with TLS files, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    @Override
    public String toString() {
        return "ControllerConfig[bind=" + bind + ", port=" + port + ", dataDir=" + dataDir + ", tls=" + tls
                + ", token=<redacted>]";
    }
}
