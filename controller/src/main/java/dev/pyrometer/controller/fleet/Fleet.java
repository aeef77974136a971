package dev.pyrometer.controller.fleet;

import dev.pyrometer.controller.store.HostRecord;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.wire.JvmInfo;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The registry of hosts and their JVMs. Confined to the controller's event loop; a host is
 * persisted when its hello or inventory changes and when it goes offline, never per heartbeat,
 * and changed hosts are written together once a second, so 10,000 helpers reconnecting after a
 * restart cost a few transactions instead of 10,000.
 */
public final class Fleet {
    private static final Logger LOG = Logger.getLogger(Fleet.class.getName());

    private final Vertx vertx;
    private final MetadataStore store;
    private final Duration offlineAfter;
    private final Duration commandDeadline;
    private final BiConsumer<String, WireMessage.ProfileState> stateListener;
    private final Map<String, Host> hosts = new TreeMap<>();
    private final List<java.util.function.Consumer<Host>> helloListeners = new ArrayList<>();
    private final List<BiConsumer<Host, WireMessage.ProfileCreated>> createdListeners = new ArrayList<>();
    private final Map<String, String> savedInventory = new java.util.HashMap<>();
    /** How often the last-seen time of connected hosts is written, so a killed controller keeps it. */
    static final long LAST_SEEN_PERIOD_MS = 60_000;
    private long sweeper = -1;
    private long lastSeenWriter = -1;
    private long hostWriter = -1;
    /** Hosts changed since the last write, in order of change. */
    private final java.util.LinkedHashSet<String> dirty = new java.util.LinkedHashSet<>();

    public Fleet(Vertx vertx, MetadataStore store, Duration offlineAfter, Duration commandDeadline,
                 BiConsumer<String, WireMessage.ProfileState> stateListener) {
        this.vertx = vertx;
        this.store = store;
        this.offlineAfter = offlineAfter;
        this.commandDeadline = commandDeadline;
        this.stateListener = stateListener;
    }

    /** Loads the hosts seen before (all offline until they connect) and starts the heartbeat sweep. */
    public Future<Void> start() {
        return store.hosts().map(records -> {
            for (HostRecord r : records) {
                Host h = new Host(r.name(), r.firstSeen());
                h.hello(new WireMessage.Hello(r.name(), r.helperVersion(), r.bootId(), r.cores(), r.memTotalBytes()));
                h.lastSeen(r.lastSeen());
                if (r.inventoryJson() != null) {
                    var list = new ArrayList<JvmInfo>();
                    new JsonArray(r.inventoryJson()).forEach(o -> list.add(JvmInfo.from((io.vertx.core.json.JsonObject) o)));
                    h.jvms(list);
                    savedInventory.put(r.name(), r.inventoryJson());
                }
                hosts.put(r.name(), h);
            }
            long period = Math.max(50, Math.min(1000, offlineAfter.toMillis() / 5));
            sweeper = vertx.setPeriodic(period, id -> sweep());
            lastSeenWriter = vertx.setPeriodic(LAST_SEEN_PERIOD_MS, id -> writeLastSeen());
            hostWriter = vertx.setPeriodic(HOST_WRITE_PERIOD_MS, id -> writeDirtyHosts());
            return null;
        });
    }

    /** Stops the timers and writes the hosts changed since the last write. */
    public Future<Void> stop() {
        vertx.cancelTimer(sweeper);
        vertx.cancelTimer(lastSeenWriter);
        vertx.cancelTimer(hostWriter);
        return writeDirtyHosts();
    }

    static final long HOST_WRITE_PERIOD_MS = 1000;

    private Future<Void> writeDirtyHosts() {
        if (dirty.isEmpty()) {
            return Future.succeededFuture();
        }
        var batch = new ArrayList<HostRecord>(dirty.size());
        for (String name : dirty) {
            batch.add(record(hosts.get(name)));
        }
        dirty.clear();
        return store.saveHosts(batch).onFailure(e -> LOG.warning(() -> "could not save " + batch.size() + " hosts: " + e));
    }

    private void writeLastSeen() {
        var seen = new java.util.HashMap<String, Instant>();
        for (Host h : hosts.values()) {
            if (h.online()) {
                seen.put(h.name(), h.lastSeen());
            }
        }
        if (!seen.isEmpty()) {
            store.touchHosts(seen).onFailure(e -> LOG.warning(() -> "could not record last-seen times: " + e));
        }
    }

    /** Takes over a freshly upgraded helper connection. */
    public void accept(ServerWebSocket ws) {
        new HelperSession(vertx, ws, this, commandDeadline, offlineAfter);
    }

    public Collection<Host> hosts() {
        return hosts.values();
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public int onlineCount() {
        int n = 0;
        for (Host h : hosts.values()) {
            n += h.online() ? 1 : 0;
        }
        return n;
    }

    /** Called after each hello is registered (rules are pushed then). */
    public void onHello(java.util.function.Consumer<Host> listener) {
        helloListeners.add(listener);
    }

    /** Called with every {@code profile.created} a helper sends. */
    public void onProfileCreated(BiConsumer<Host, WireMessage.ProfileCreated> listener) {
        createdListeners.add(listener);
    }

    Host helloFrom(HelperSession session, WireMessage.Hello hello) {
        Host host = hosts.computeIfAbsent(hello.host(), n -> new Host(n, Instant.now()));
        host.session().filter(old -> old != session)
                .ifPresent(old -> old.close((short) 1008, "replaced by a newer connection from the same host"));
        if (!host.online()) {
            LOG.info(() -> "helper of host " + hello.host() + " connected (version " + hello.helperVersion() + ")");
        }
        host.session(session);
        host.hello(hello);
        touch(host);
        persist(host);
        helloListeners.forEach(l -> l.accept(host));
        return host;
    }

    void profileCreatedFrom(Host host, WireMessage.ProfileCreated created) {
        createdListeners.forEach(l -> l.accept(host, created));
    }

    void inventoryFrom(Host host, WireMessage.Inventory inventory) {
        host.jvms(inventory.jvms());
        String json = Host.inventoryJson(inventory.jvms()).encode();
        if (!json.equals(savedInventory.get(host.name()))) {
            savedInventory.put(host.name(), json);
            persist(host);
        }
    }

    void profileStateFrom(Host host, WireMessage.ProfileState state) {
        stateListener.accept(host.name(), state);
    }

    void touch(Host host) {
        host.touch(System.nanoTime());
    }

    void closed(HelperSession session, Host host) {
        if (host != null && host.session().orElse(null) == session) {
            LOG.info(() -> "helper of host " + host.name() + " disconnected; shown offline");
            host.session(null);
            persist(host);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        long limit = offlineAfter.toNanos();
        for (Host h : hosts.values()) {
            if (h.online() && now - h.lastFrameNanos() > limit) {
                LOG.info(() -> "host " + h.name() + " missed its heartbeats for " + offlineAfter.toMillis()
                        + " ms; shown offline");
                HelperSession s = h.session().orElseThrow();
                h.session(null);
                persist(h);
                s.close((short) 1001, "no heartbeat");
            }
        }
    }

    private void persist(Host h) {
        dirty.add(h.name());
    }

    private HostRecord record(Host h) {
        var hello = h.hello();
        return new HostRecord(h.name(), hello == null ? null : hello.helperVersion(),
                hello == null ? null : hello.bootId(), hello == null ? 0 : hello.cores(),
                hello == null ? 0 : hello.memTotalBytes(), h.firstSeen(), h.lastSeen(), savedInventory.get(h.name()));
    }

    /** All JVMs, optionally of one host. */
    public List<io.vertx.core.json.JsonObject> jvmsJson(String hostFilter) {
        var list = new ArrayList<io.vertx.core.json.JsonObject>();
        for (Host h : hosts.values()) {
            if (hostFilter == null || hostFilter.equals(h.name())) {
                h.jvms().forEach(j -> list.add(h.jvmJson(j)));
            }
        }
        return list;
    }
}
