package dev.pyrometer.flame.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream in chunks of whole lines, each handed over in a buffer with {@link #SLACK} bytes
 * to spare past its end, so a scan may read 8 bytes at a time without a bounds case of its own. A
 * last line without a newline gets one; a line longer than the buffer grows it.
 */
final class LineChunks {
    /** Bytes past a chunk's end that may be read (they hold nothing meaningful). */
    static final int SLACK = 8;
    /**
     * Bytes read at a time: small enough that the buffer, and the JDK's copy it is filled from,
     * stay in the core's cache beside the names being looked up (a 1 MB buffer pushed them out).
     */
    private static final int BUFFER = 64 << 10;

    /** Receives {@code buf[0, end)}: whole lines, each ending with '\n'. */
    interface Sink {
        void lines(byte[] buf, int end);
    }

    private LineChunks() {
    }

    static void read(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[BUFFER + SLACK];
        int len = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - SLACK - len);
            if (n < 0) {
                break;
            }
            len += n;
            int end = len;
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
            if (end > 0) {
                sink.lines(buf, end);
                len -= end;
                System.arraycopy(buf, end, buf, 0, len);
            } else if (len == buf.length - SLACK) {
                buf = Arrays.copyOf(buf, (buf.length - SLACK) * 2 + SLACK);
            }
        }
        if (len > 0) {
            if (len == buf.length - SLACK) {
                buf = Arrays.copyOf(buf, buf.length + 1);
            }
            buf[len++] = '\n';
            sink.lines(buf, len);
        }
    }
}
