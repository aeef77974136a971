package dev.pyrometer.controller.fleet;

import dev.pyrometer.wire.WireCodec;
import dev.pyrometer.wire.WireFormatException;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One helper's WebSocket: decodes its frames for the {@link Fleet} and sends it commands,
 * each answered by a {@code reply} before a deadline or failed.
 */
public final class HelperSession {
    private static final Logger LOG = Logger.getLogger(HelperSession.class.getName());
    private static final String HEARTBEAT_PREFIX = "{\"type\":\"heartbeat\"";
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,253}");

    private final Vertx vertx;
    private final ServerWebSocket ws;
    private final Fleet fleet;
    private final Duration deadline;
    private final Map<String, Pending> pending = new HashMap<>();
    private Host host;
    private long nextCommand;
    private final long helloTimer;

    private record Pending(Promise<WireMessage.Reply> promise, long timer) {
    }

    HelperSession(Vertx vertx, ServerWebSocket ws, Fleet fleet, Duration deadline, Duration helloDeadline) {
        this.vertx = vertx;
        this.ws = ws;
        this.fleet = fleet;
        this.deadline = deadline;
        // an authenticated socket that never says hello would otherwise be held until the idle timeout
        helloTimer = vertx.setTimer(helloDeadline.toMillis(), t -> {
            if (host == null) {
                ws.close((short) 1008, "no hello within " + helloDeadline.toMillis() + " ms");
            }
        });
        ws.textMessageHandler(this::onFrame);
        ws.closeHandler(v -> onClose());
        ws.exceptionHandler(e -> LOG.fine(() -> "helper connection error: " + e));
    }

    public String hostName() {
        return host == null ? null : host.name();
    }

    /** A fresh command id, unique on this connection. */
    public String nextCommandId() {
        return "c-" + (++nextCommand);
    }

    /** Sends a command and completes with the helper's reply, or fails after the deadline. */
    public Future<WireMessage.Reply> send(WireMessage.Command command) {
        Promise<WireMessage.Reply> promise = Promise.promise();
        long timer = vertx.setTimer(deadline.toMillis(), t -> {
            if (pending.remove(command.id()) != null) {
                promise.tryFail(new TimeoutException("helper " + hostName() + " did not reply to " + command.type()
                        + " within " + deadline.toMillis() + " ms"));
            }
        });
        pending.put(command.id(), new Pending(promise, timer));
        ws.writeTextMessage(WireCodec.encode(command)).onFailure(e -> fail(command.id(), e));
        return promise.future();
    }

    void close(short code, String reason) {
        ws.close(code, reason);
    }

    private void fail(String id, Throwable e) {
        Pending p = pending.remove(id);
        if (p != null) {
            vertx.cancelTimer(p.timer());
            p.promise().tryFail(e);
        }
    }

    private void onFrame(String text) {
        // 10,000 helpers send 2,000 heartbeats a second: skip the JSON tree for the usual spelling
        if (host != null && text.startsWith(HEARTBEAT_PREFIX) && text.endsWith("}")) {
            fleet.touch(host);
            return;
        }
        WireMessage message;
        try {
            message = WireCodec.decode(text);
        } catch (WireCodec.UnknownTypeException e) {
            answerError(e.unknownType(), e.getMessage());
            return;
        } catch (WireFormatException e) {
            answerError(null, e.getMessage());
            return;
        }
        if (host == null && !(message instanceof WireMessage.Hello)) {
            answerError(message.type(), "send hello first");
            return;
        }
        if (message instanceof WireMessage.Hello h && !HOST_NAME.matcher(h.host()).matches()) {
            answerError(h.type(), "host '" + h.host() + "' is not a host name (1-253 of A-Z a-z 0-9 . _ -)");
            ws.close((short) 1008, "bad host name");
            return;
        }
        if (host != null) {
            fleet.touch(host);
        }
        if (message instanceof WireMessage.Hello h) {
            vertx.cancelTimer(helloTimer);
            host = fleet.helloFrom(this, h);
        } else if (message instanceof WireMessage.ProfileCreated c) {
            if (!dev.pyrometer.wire.ProfileIds.valid(c.profileId())) {
                answerError(c.type(), "profile_id '" + c.profileId() + "' is not p- and 26 Crockford base-32 digits "
                        + "(dev.pyrometer.wire.ProfileIds.next())");
                return;
            }
            fleet.profileCreatedFrom(host, c);
        } else if (message instanceof WireMessage.Inventory inv) {
            fleet.inventoryFrom(host, inv);
        } else if (message instanceof WireMessage.ProfileState s) {
            fleet.profileStateFrom(host, s);
        } else if (message instanceof WireMessage.Reply r) {
            onReply(r);
        } else if (message instanceof WireMessage.Error e) {
            LOG.warning(() -> "helper " + hostName() + " could not handle '" + e.re() + "': " + e.message());
        } else if (message instanceof WireMessage.Command c) {
            answerError(c.type(), "commands go from the controller to helpers");
        }
        // heartbeat: the touch above is all it is for
    }

    private void onReply(WireMessage.Reply r) {
        Pending p = pending.remove(r.re());
        if (p == null) {
            return; // arrived after its deadline
        }
        vertx.cancelTimer(p.timer());
        p.promise().complete(r);
    }

    private void answerError(String re, String message) {
        ws.writeTextMessage(WireCodec.encode(new WireMessage.Error(re, message)));
    }

    private void onClose() {
        vertx.cancelTimer(helloTimer);
        for (var id : java.util.List.copyOf(pending.keySet())) {
            fail(id, new IllegalStateException("helper " + hostName() + " disconnected before replying"));
        }
        fleet.closed(this, host);
    }
}
