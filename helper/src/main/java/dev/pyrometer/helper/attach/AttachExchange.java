package dev.pyrometer.helper.attach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One command on a HotSpot attach socket, protocol 1: {@code 1\0cmd\0arg1\0arg2\0arg3\0} written,
 * then everything the JVM answers read until it closes the connection, all within one deadline.
 * Non-blocking with a selector: a target too busy to answer must not hold the helper past it.
 */
final class AttachExchange {
    /** HotSpot reads at most this many bytes of each argument. */
    static final int MAX_ARGUMENT_BYTES = 1024;

    /** The deadline passed before the JVM's answer was complete. */
    static final class TimedOut extends Exception {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private AttachExchange() {
    }

    /** The request's bytes; throws for more than three arguments or one HotSpot would cut short. */
    static byte[] request(String command, String... args) {
        if (args.length > 3) {
            throw new IllegalArgumentException("at most 3 arguments");
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        writeString(request, "1");
        writeString(request, command);
        for (int i = 0; i < 3; i++) {
            String arg = i < args.length ? args[i] : "";
            if (arg.getBytes(StandardCharsets.UTF_8).length > MAX_ARGUMENT_BYTES) {
                throw new IllegalArgumentException("attach argument longer than " + MAX_ARGUMENT_BYTES + " bytes");
            }
            writeString(request, arg);
        }
        return request.toByteArray();
    }

    /** Sends {@code request} and returns the whole answer, by {@code endNanos} (a {@link System#nanoTime} value). */
    static String exchange(Path socket, byte[] request, long endNanos) throws IOException, TimedOut {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(request);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            channel.register(selector, SelectionKey.OP_WRITE);
            while (true) {
                long left = (endNanos - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new TimedOut();
                }
                selector.select(left);
                if (out.hasRemaining()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        channel.register(selector, SelectionKey.OP_READ);
                    }
                    continue;
                }
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    return response.toString(StandardCharsets.UTF_8);
                }
                response.write(in.array(), 0, n);
            }
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
