package dev.pyrometer.controller.fleet;

import dev.pyrometer.wire.JvmInfo;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A host the controller knows of: its helper's last hello and inventory, and whether it is connected now. */
public final class Host {
    private final String name;
    private final Instant firstSeen;
    private WireMessage.Hello hello;
    private List<JvmInfo> jvms = List.of();
    private Instant lastSeen;
    private long lastFrameNanos;
    private HelperSession session;

    Host(String name, Instant firstSeen) {
        this.name = name;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
    }

    public String name() {
        return name;
    }

    public boolean online() {
        return session != null;
    }

    public Optional<HelperSession> session() {
        return Optional.ofNullable(session);
    }

    public List<JvmInfo> jvms() {
        return jvms;
    }

    public Optional<JvmInfo> jvm(long pid) {
        return jvms.stream().filter(j -> j.pid() == pid).findFirst();
    }

    /** When the last frame arrived; derived from the monotonic clock while connected, so frames cost no clock read of the wall time. */
    public Instant lastSeen() {
        if (session != null && lastFrameNanos != 0) {
            return Instant.now().minusNanos(System.nanoTime() - lastFrameNanos);
        }
        return lastSeen;
    }

    Instant firstSeen() {
        return firstSeen;
    }

    WireMessage.Hello hello() {
        return hello;
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    void hello(WireMessage.Hello h) {
        this.hello = h;
    }

    void jvms(List<JvmInfo> list) {
        this.jvms = List.copyOf(list);
    }

    void session(HelperSession s) {
        if (s == null && session != null) {
            lastSeen = lastSeen(); // freeze it while offline
        }
        this.session = s;
    }

    void touch(long nanos) {
        this.lastFrameNanos = nanos;
    }

    void lastSeen(Instant t) {
        this.lastSeen = t;
    }

    public JsonObject toJson() {
        var h = hello;
        return new JsonObject().put("host", name).put("status", online() ? "online" : "offline")
                .put("last_seen", lastSeen().toString()).put("first_seen", firstSeen.toString())
                .put("helper_version", h == null ? null : h.helperVersion())
                .put("cores", h == null ? null : h.cores())
                .put("mem_total_bytes", h == null ? null : h.memTotalBytes())
                .put("jvm_count", jvms.size());
    }

    /** One JVM as {@code GET /jvms} shows it, with its host's status. */
    public JsonObject jvmJson(JvmInfo j) {
        return j.toJson().put("host", name).put("host_status", online() ? "online" : "offline");
    }

    static JsonArray inventoryJson(List<JvmInfo> jvms) {
        var a = new JsonArray();
        jvms.forEach(j -> a.add(j.toJson()));
        return a;
    }
}
