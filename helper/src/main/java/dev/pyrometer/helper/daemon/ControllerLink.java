package dev.pyrometer.helper.daemon;

import dev.pyrometer.wire.Protocol;
import dev.pyrometer.wire.WireCodec;
import dev.pyrometer.wire.WireFormatException;
import dev.pyrometer.wire.WireMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The helper's WebSocket to the controller: connects out, reconnects with backoff, sends frames one
 * at a time with a deadline, and hands each frame received to a consumer. Runs on its own thread.
 */
final class ControllerLink {
    private static final Logger LOG = Logger.getLogger(ControllerLink.class.getName());
    static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);
    static final Duration SEND_DEADLINE = Duration.ofSeconds(10);
    /** A connection that lived this long was a success: the next drop starts the backoff afresh. */
    private static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI wsUri;
    private final String token;
    private final Consumer<WireMessage> inbound;
    private final Consumer<ControllerLink> onConnected;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile WebSocket socket;
    /** When the controller last answered a WebSocket ping: a silent peer behind a dead route is noticed. */
    private volatile long lastPongNanos;
    /** A connection without a pong for this long is given up and made again. */
    static final Duration PONG_DEADLINE = Duration.ofSeconds(20);

    ControllerLink(HttpClient http, URI controller, String token, Consumer<WireMessage> inbound,
                   Consumer<ControllerLink> onConnected) {
        this.http = http;
        this.wsUri = webSocketUri(controller);
        this.token = token;
        this.inbound = inbound;
        this.onConnected = onConnected;
    }

    static URI webSocketUri(URI controller) {
        String scheme = "https".equals(controller.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + controller.getRawAuthority() + Protocol.CONNECT_PATH);
    }

    /**
     * Keeps a connection up until {@link #stop()}; returns normally when stopped, throws
     * {@link TokenRejected} when the controller refuses our token (retrying would not help).
     */
    void run() {
        boolean firstFailure = true;
        while (stopped.getCount() > 0) {
            var closed = new CompletableFuture<String>();
            long began = System.nanoTime();
            try {
                WebSocket ws = http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .connectTimeout(CONNECT_DEADLINE)
                        .buildAsync(wsUri, new Listener(closed))
                        .get(CONNECT_DEADLINE.toMillis() + 2000, TimeUnit.MILLISECONDS);
                lastPongNanos = System.nanoTime();
                socket = ws;
                LOG.info("connected to " + wsUri);
                firstFailure = true;
                onConnected.accept(this);
                String why = awaitClose(closed);
                LOG.warning("connection to the controller closed: " + why + "; reconnecting");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401) {
                    throw new TokenRejected();
                }
                if (firstFailure) {
                    LOG.warning("cannot reach the controller at " + wsUri + ": " + describe(e.getCause())
                            + "; retrying with backoff (profiles are spooled meanwhile)");
                    firstFailure = false;
                }
            } catch (TimeoutException e) {
                LOG.warning("no WebSocket handshake from " + wsUri + " within " + CONNECT_DEADLINE.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                WebSocket ws = socket;
                socket = null;
                if (ws != null) {
                    ws.abort();
                }
            }
            if (Duration.ofNanos(System.nanoTime() - began).compareTo(STABLE_AFTER) > 0) {
                backoff.reset();
            }
            pause(backoff.next());
        }
    }

    private String awaitClose(CompletableFuture<String> closed) throws InterruptedException {
        while (stopped.getCount() > 0) {
            try {
                return closed.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // still connected; look at the stop flag again
            } catch (ExecutionException e) {
                return describe(e.getCause());
            }
        }
        return "helper stopping";
    }

    boolean connected() {
        return socket != null;
    }

    /**
     * Sends one frame; false when there is no connection or the frame did not leave within
     * {@link #SEND_DEADLINE} (then the connection is dropped and re-made).
     */
    synchronized boolean send(WireMessage message) {
        WebSocket ws = socket;
        if (ws == null) {
            return false;
        }
        try {
            ws.sendText(WireCodec.encode(message), true).get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("cannot send " + message.type() + " to the controller: " + describe(e) + "; reconnecting");
            ws.abort();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends the heartbeat and a WebSocket ping; drops the connection when the pings have gone
     * unanswered past {@link #PONG_DEADLINE} (a half-open TCP connection accepts writes for minutes).
     */
    void heartbeat(WireMessage heartbeat) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        if (System.nanoTime() - lastPongNanos > PONG_DEADLINE.toNanos()) {
            LOG.warning("no answer from the controller for " + PONG_DEADLINE.toSeconds() + " s; reconnecting");
            ws.abort();
            return;
        }
        if (send(heartbeat)) {
            synchronized (this) {
                try {
                    ws.sendPing(java.nio.ByteBuffer.allocate(0));
                } catch (IllegalStateException e) {
                    // the previous ping is still on its way; the pong deadline above covers it
                }
            }
        }
    }

    void stop() {
        stopped.countDown();
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "helper stopping").orTimeout(2, TimeUnit.SECONDS);
        }
    }

    private void pause(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLHandshakeException) {
                return text + " (if the controller's certificate comes from a private CA, trust that CA with"
                        + " PYROMETER_HELPER_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=...\")";
            }
        }
        return text;
    }

    /** Reassembles frames and decodes them; an undecodable frame is answered with {@code error}. */
    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<String> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<String> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (partial.length() + data.length() <= Protocol.MAX_FRAME_BYTES) {
                partial.append(data);
            }
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    inbound.accept(WireCodec.decode(frame));
                } catch (WireCodec.UnknownTypeException e) {
                    // answered off this thread: send() waits for the socket, which this thread serves
                    var answer = new WireMessage.Error(e.unknownType(), e.getMessage());
                    CompletableFuture.runAsync(() -> send(answer));
                } catch (WireFormatException e) {
                    LOG.warning("undecodable frame from the controller: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, java.nio.ByteBuffer message) {
            lastPongNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete("code " + status + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(describe(error));
        }
    }
}
