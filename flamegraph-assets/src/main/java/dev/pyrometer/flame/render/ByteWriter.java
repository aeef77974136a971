package dev.pyrometer.flame.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A buffered byte sink with the few encodings renderers need: decimals, XML and JS string escapes. */
public final class ByteWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    public ByteWriter(OutputStream out) {
        this.out = out;
    }

    public ByteWriter write(int b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) b;
        return this;
    }

    public ByteWriter write(byte[] bytes, int off, int len) throws IOException {
        if (len > buf.length - pos) {
            flushBuffer();
            if (len > buf.length) {
                out.write(bytes, off, len);
                return this;
            }
        }
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
        return this;
    }

    public ByteWriter write(byte[] bytes) throws IOException {
        return write(bytes, 0, bytes.length);
    }

    /** Writes text as UTF-8. */
    public ByteWriter text(String s) throws IOException {
        int n = s.length();
        if (n > buf.length - pos) {
            flushBuffer();
            if (n > buf.length) {
                return write(s.getBytes(StandardCharsets.UTF_8));
            }
        }
        // Straight into the buffer while the text is ASCII, the common case; anything else encoded whole.
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return write(s.getBytes(StandardCharsets.UTF_8));
            }
            buf[p++] = (byte) c;
        }
        pos = p;
        return this;
    }

    /** {@code v} with a comma between groups of three digits, as {@code %,d} writes it in English. */
    public ByteWriter grouped(long v) throws IOException {
        if (v < 0) {
            write('-');
            if (v == Long.MIN_VALUE) {
                return text("9,223,372,036,854,775,808");
            }
            v = -v;
        }
        if (v < 1000) {
            return decimal(v);
        }
        grouped(v / 1000);
        int rest = (int) (v % 1000);
        return write(',').write('0' + rest / 100).write('0' + rest / 10 % 10).write('0' + rest % 10);
    }

    public ByteWriter decimal(long v) throws IOException {
        if (v < 0) {
            write('-');
            if (v == Long.MIN_VALUE) {
                return text("9223372036854775808");
            }
            v = -v;
        }
        if (pos + 20 > buf.length) {
            flushBuffer();
        }
        if (v <= Integer.MAX_VALUE) {
            // C1 compiles long division to a runtime call; most numbers written fit an int.
            int n = (int) v;
            int end = pos + digits(n);
            int i = end;
            do {
                int q = n / 10;
                buf[--i] = (byte) ('0' + n - q * 10);
                n = q;
            } while (n != 0);
            pos = end;
            return this;
        }
        int end = pos + digits(v);
        int i = end;
        do {
            buf[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        pos = end;
        return this;
    }

    private static int digits(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** A non-negative number with {@code decimals} digits after the point, trailing zeros dropped. */
    public ByteWriter fixed(double v, int decimals) throws IOException {
        if (v < 0) {
            write('-');
            v = -v;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(v * scale);
        if (scaled <= Integer.MAX_VALUE && scale <= 1000) {
            // Coordinates and percentages: int arithmetic, which C1 inlines (long division is a call).
            int whole = (int) scaled / (int) scale;
            decimal(whole);
            int frac = (int) scaled - whole * (int) scale;
            if (frac != 0) {
                write('.');
                int div = (int) scale / 10;
                while (frac != 0) {
                    write('0' + frac / div);
                    frac %= div;
                    div /= 10;
                }
            }
            return this;
        }
        decimal(scaled / scale);
        long frac = scaled % scale;
        if (frac != 0) {
            write('.');
            long div = scale / 10;
            while (frac != 0) {
                write((int) ('0' + frac / div));
                frac %= div;
                div /= 10;
            }
        }
        return this;
    }

    /** UTF-8 bytes escaped for XML text and attribute values. */
    public ByteWriter xml(byte[] bytes, int off, int len) throws IOException {
        int end = off + len;
        int run = off;
        // Runs of bytes that need no escape are copied whole: frame names rarely hold any.
        for (int i = off; i < end; i++) {
            byte b = bytes[i];
            if (b < 0 || b >= 0x20 && b != '&' && b != '<' && b != '>' && b != '"' && b != '\'') {
                continue;
            }
            write(bytes, run, i - run);
            run = i + 1;
            switch (b) {
                case '&' -> text("&amp;");
                case '<' -> text("&lt;");
                case '>' -> text("&gt;");
                case '"' -> text("&quot;");
                case '\'' -> text("&#39;");
                default -> write('?');
            }
        }
        return write(bytes, run, end - run);
    }

    public ByteWriter xml(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return xml(bytes, 0, bytes.length);
    }

    /** UTF-8 bytes escaped for a double-quoted JS string inside an HTML script element. */
    public ByteWriter js(byte[] bytes, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = bytes[i];
            if (b == '"' || b == '\\') {
                write('\\').write(b);
            } else if (b == '<') {
                text("\\x3c");
            } else if (b >= 0 && b < 0x20) {
                text("\\x").write(HEX[b >> 4]).write(HEX[b & 15]);
            } else {
                write(b);
            }
        }
        return this;
    }

    public ByteWriter js(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return js(bytes, 0, bytes.length);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
