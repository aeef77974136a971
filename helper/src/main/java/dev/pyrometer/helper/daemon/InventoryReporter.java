package dev.pyrometer.helper.daemon;

import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.wire.JvmInfo;
import dev.pyrometer.wire.Protocol;
import dev.pyrometer.wire.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Looks at this host's JVMs periodically and tells the controller when the set changed (a JVM came,
 * went or changed attachability), and at least every {@link Protocol#INVENTORY_AT_LEAST_EVERY} anyway.
 */
final class InventoryReporter {
    private static final Logger LOG = Logger.getLogger(InventoryReporter.class.getName());

    private final JvmDiscovery discovery;
    private final ControllerLink link;
    private Map<Long, Boolean> lastSent = Map.of();
    private long lastSentNanos;

    InventoryReporter(JvmDiscovery discovery, ControllerLink link) {
        this.discovery = discovery;
        this.link = link;
    }

    /** Sends the inventory now (after a (re)connect). */
    synchronized void sendNow() {
        send(current());
    }

    /** A periodic look: sends only when something changed or the last one is getting old. */
    synchronized void tick() {
        if (!link.connected()) {
            return;
        }
        WireMessage.Inventory inventory = current();
        boolean old = System.nanoTime() - lastSentNanos >= Protocol.INVENTORY_AT_LEAST_EVERY.toNanos()
                - Protocol.HEARTBEAT_INTERVAL.toNanos();
        if (old || !shape(inventory).equals(lastSent)) {
            send(inventory);
        }
    }

    private void send(WireMessage.Inventory inventory) {
        if (link.send(inventory)) {
            lastSent = shape(inventory);
            lastSentNanos = System.nanoTime();
        }
    }

    private WireMessage.Inventory current() {
        try {
            return new WireMessage.Inventory(discovery.list().stream().map(InventoryReporter::toWire).toList());
        } catch (RuntimeException e) {
            LOG.warning("cannot list the JVMs of this host: " + e.getMessage());
            return new WireMessage.Inventory(List.of());
        }
    }

    private static Map<Long, Boolean> shape(WireMessage.Inventory inventory) {
        return inventory.jvms().stream().collect(Collectors.toMap(JvmInfo::pid, JvmInfo::attachable, (a, b) -> a));
    }

    static JvmInfo toWire(dev.pyrometer.helper.discovery.JvmInfo j) {
        return new JvmInfo(j.pid(), j.nsPid(), j.user(), j.mainClass(), j.jdkVersion(), j.uptimeMillis(),
                j.cpuPercent(), j.rssBytes(), j.containerized(), j.attachable(), j.notAttachableReason(), j.app(),
                j.release());
    }
}
