package dev.pyrometer.flame.model;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Word reads through {@code sun.misc.Unsafe}, bounds checked: one check and one load, where C1
 * (the CLI's only compiler, as it starts faster) leaves a {@code VarHandle} read as a chain of
 * calls. Used only on JDKs before 23: from 24 on, these methods print a deprecation warning.
 */
final class UnsafeWords {
    private static final Unsafe UNSAFE = unsafe();
    private static final long BASE = UNSAFE == null ? 0 : Unsafe.ARRAY_BYTE_BASE_OFFSET;

    private UnsafeWords() {
    }

    /** Whether {@code Unsafe} could be had (a JVM may deny it). */
    static boolean available() {
        return UNSAFE != null;
    }

    /**
     * {@code buf[at, at + 8)} in the machine's byte order. Kept within C1's 35 bytes of bytecode
     * for inlining, which is why the message is built elsewhere.
     */
    static long raw(byte[] buf, int at) {
        if (at < 0 || at > buf.length - 8) {
            throw Words.outside(buf, at);
        }
        return UNSAFE.getLong(buf, BASE + at);
    }

    /** {@link Words#equal}: a word at a time, the bounds checked once rather than per word (C1 keeps every check). */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        Words.checkRanges(a, aOff, b, bOff, len);
        long pa = BASE + aOff;
        long pb = BASE + bOff;
        long last = len - 8;
        for (long k = 0; k < last; k += 8) {
            if (UNSAFE.getLong(a, pa + k) != UNSAFE.getLong(b, pb + k)) {
                return false;
            }
        }
        return UNSAFE.getLong(a, pa + last) == UNSAFE.getLong(b, pb + last);
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
