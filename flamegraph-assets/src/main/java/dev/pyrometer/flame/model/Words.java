package dev.pyrometer.flame.model;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import sun.misc.Unsafe;

/**
 * Eight bytes of a byte array read as one little-endian long, bounds checked. Why not a
 * {@code VarHandle} or a {@code ByteBuffer}: the CLI runs on C1 alone (it starts faster), and C1
 * leaves their layers as calls, which made a word read cost more than the eight byte reads it
 * replaces; this read is one check and one load.
 */
final class Words {
    private static final Unsafe UNSAFE = unsafe();
    private static final long BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Words() {
    }

    /** {@code buf[at, at + 8)}, the first byte lowest. */
    static long at(byte[] buf, int at) {
        return le(raw(buf, at));
    }

    /**
     * {@code buf[at, at + 8)} in the machine's byte order. Kept within C1's 35 bytes of bytecode
     * for inlining, which is why the message is built elsewhere.
     */
    private static long raw(byte[] buf, int at) {
        if (at < 0 || at > buf.length - 8) {
            throw outside(buf, at);
        }
        return UNSAFE.getLong(buf, BASE + at);
    }

    /** A word read in the machine's order, in little-endian order; C1 folds the test away. */
    private static long le(long word) {
        return LITTLE ? word : Long.reverseBytes(word);
    }

    private static ArrayIndexOutOfBoundsException outside(byte[] buf, int at) {
        return new ArrayIndexOutOfBoundsException("8 bytes at " + at + " of " + buf.length);
    }

    /**
     * Whether {@code a[aOff, aOff + len)} and {@code b[bOff, bOff + len)} hold the same bytes, for
     * {@code len >= 8}: a word at a time, the last word overlapping the one before, with the
     * bounds checked once rather than per word (C1 keeps every check it is given).
     */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        if (len < 8 || aOff < 0 || bOff < 0 || aOff > a.length - len || bOff > b.length - len) {
            throw new ArrayIndexOutOfBoundsException(len + " bytes at " + aOff + " of " + a.length
                    + " and at " + bOff + " of " + b.length);
        }
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

    /**
     * The index (0..7) of the lowest byte whose high bit is set in {@code highBits}, which is not
     * 0: the lowest bit isolated, moved to bit 0 of its byte, and multiplied so that byte k of the
     * multiplier, 7 - k, lands in the top byte. {@code Long.numberOfTrailingZeros} is a call in C1.
     */
    static int lowestByte(long highBits) {
        return (int) ((((highBits & -highBits) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }
}
