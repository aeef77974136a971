package dev.pyrometer.controller;

import dev.pyrometer.wire.Protocol;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a controller needs to start; tests shorten the timings.
 *
 * @param token the bearer token shared by API clients and helpers; never logged
 */
public record ControllerConfig(String bind, int port, Path dataDir, String token, Duration offlineAfter,
                               Duration commandDeadline) {

    public ControllerConfig {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be empty");
        }
    }

    public static ControllerConfig of(String bind, int port, Path dataDir, String token) {
        return new ControllerConfig(bind, port, dataDir, token, Protocol.OFFLINE_AFTER, Protocol.COMMAND_DEADLINE);
    }

    public ControllerConfig withOfflineAfter(Duration d) {
        return new ControllerConfig(bind, port, dataDir, token, d, commandDeadline);
    }

    public ControllerConfig withCommandDeadline(Duration d) {
        return new ControllerConfig(bind, port, dataDir, token, offlineAfter, d);
    }

    @Override
    public String toString() {
        return "ControllerConfig[bind=" + bind + ", port=" + port + ", dataDir=" + dataDir + ", token=<redacted>]";
    }
}
