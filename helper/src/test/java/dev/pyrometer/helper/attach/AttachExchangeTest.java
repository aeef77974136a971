package dev.pyrometer.helper.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach protocol against a real Unix socket standing in for a JVM: what is sent, what is read, and the deadline. */
class AttachExchangeTest {
    @TempDir
    Path dir;

    @Test
    void theRequestIsVersionCommandAndThreeArgumentsEachEndedByZero() {
        assertArrayEquals("1\0load\0/lib/a.so\0true\0\0".getBytes(StandardCharsets.UTF_8),
                AttachExchange.request("load", "/lib/a.so", "true"));
        assertThrows(IllegalArgumentException.class, () -> AttachExchange.request("jcmd", "a", "b", "c", "d"));
        assertThrows(IllegalArgumentException.class, () -> AttachExchange.request("jcmd", "x".repeat(1025)));
    }

    @Test
    void theWholeAnswerIsReadUntilTheJvmCloses() throws Exception {
        Path socket = dir.resolve("attach.sock");
        try (ServerSocketChannel server = listen(socket)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel jvm = server.accept()) {
                    String request = readRequest(jvm);
                    jvm.write(ByteBuffer.wrap("0\nline one\nline two\n".getBytes(StandardCharsets.UTF_8)));
                    return request;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String answer = AttachExchange.exchange(socket, AttachExchange.request("jcmd", "VM.version"),
                    System.nanoTime() + Duration.ofSeconds(10).toNanos());
            assertEquals("0\nline one\nline two\n", answer);
            assertEquals("1\0jcmd\0VM.version\0\0\0", received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aJvmThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel server = listen(socket)) {
            CompletableFuture<SocketChannel> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            assertThrows(AttachExchange.TimedOut.class, () -> AttachExchange.exchange(socket,
                    AttachExchange.request("jcmd", "Thread.print"), System.nanoTime() + Duration.ofMillis(300).toNanos()));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 290 && tookMs < 10_000, "gave up after " + tookMs + " ms");
            held.get(10, TimeUnit.SECONDS).close();
        }
    }

    private static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /** Reads up to the fifth zero byte, the end of a protocol-1 request. */
    private static String readRequest(SocketChannel jvm) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        int zeros = 0;
        while (zeros < 5) {
            one.clear();
            if (jvm.read(one) < 0) {
                break;
            }
            byte b = one.get(0);
            bytes.write(b);
            if (b == 0) {
                zeros++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
