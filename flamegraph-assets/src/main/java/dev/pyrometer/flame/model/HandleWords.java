package dev.pyrometer.flame.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Word reads through the JDK's supported API, for JDKs where {@link UnsafeWords} would print warnings. */
final class HandleWords {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private HandleWords() {
    }

    /** {@code buf[at, at + 8)} in the machine's byte order. */
    static long raw(byte[] buf, int at) {
        if (at < 0 || at > buf.length - 8) {
            throw Words.outside(buf, at);
        }
        return (long) WORDS.get(buf, at);
    }

    /** {@link Words#equal}, by the library's vectorised comparison. */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        Words.checkRanges(a, aOff, b, bOff, len);
        return Arrays.equals(a, aOff, aOff + len, b, bOff, bOff + len);
    }
}
