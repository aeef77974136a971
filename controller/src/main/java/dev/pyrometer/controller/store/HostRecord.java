package dev.pyrometer.controller.store;

import java.time.Instant;

/** What is remembered about a host across restarts: its last hello and last inventory. */
public record HostRecord(String name, String helperVersion, String bootId, int cores, long memTotalBytes,
                         Instant firstSeen, Instant lastSeen, String inventoryJson) {
}
