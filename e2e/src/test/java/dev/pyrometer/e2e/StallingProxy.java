package dev.pyrometer.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * A real TCP proxy between the helper and the controller that holds the first HTTP {@code PUT} after
 * a few bytes of its body, so a test can kill the controller while an upload is provably half sent.
 */
final class StallingProxy implements AutoCloseable {
    private static final int FORWARD_BEFORE_STALL = 1024;

    private final ServerSocket server;
    private final IntSupplier upstreamPort;
    private final AtomicBoolean stallArmed = new AtomicBoolean(true);
    /** Counted down once a PUT is held half-sent. */
    final CountDownLatch stalled = new CountDownLatch(1);
    private volatile boolean closed;

    StallingProxy(IntSupplier upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort.getAsInt()), 5000);
                } catch (IOException e) {
                    client.close(); // controller down: the helper sees a refused/reset connection
                    continue;
                }
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromHelper) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buf = new byte[8192];
                long forwarded = 0;
                boolean isPut = false;
                boolean holding = false;
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (fromHelper && forwarded == 0) {
                        isPut = new String(buf, 0, Math.min(n, 4), StandardCharsets.US_ASCII).equals("PUT ")
                                && stallArmed.compareAndSet(true, false);
                    }
                    if (isPut && !holding && forwarded + n > FORWARD_BEFORE_STALL) {
                        int part = (int) (FORWARD_BEFORE_STALL - forwarded);
                        out.write(buf, 0, part);
                        out.flush();
                        holding = true;
                        stalled.countDown();
                        // hold the rest until the controller dies: the other direction's pump then sees
                        // the connection break and closes both sockets
                        Await.until(Await.LONG, "the held upload's connection to break", () -> to.isClosed() || closed);
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    forwarded += n;
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
