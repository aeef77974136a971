package dev.pyrometer.controller.store;

import dev.pyrometer.wire.ProfileStatus;
import java.time.Instant;

/** Filters of {@code GET /profiles}; null means "any". */
public record ProfileQuery(String host, String app, String release, String event, Instant since, Instant until,
                           ProfileStatus state, String job, int limit) {
}
