package dev.pyrometer.flame.model;

import java.nio.ByteOrder;

/**
 * Eight bytes of a byte array read as one little-endian long, bounds checked, for the parser's
 * scan and name compares. Through {@link UnsafeWords} on JDKs before 23, {@link HandleWords}
 * from 23 on; the choice is a constant C1 folds away.
 */
final class Words {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** JDK 24 prints a warning the first time an {@code Unsafe} memory method is called; 23 has it deprecated. */
    static final boolean UNSAFE_READS = Runtime.version().feature() < 23 && UnsafeWords.available();

    private Words() {
    }

    /** {@code buf[at, at + 8)}, the first byte lowest. */
    static long at(byte[] buf, int at) {
        return le(UNSAFE_READS ? UnsafeWords.raw(buf, at) : HandleWords.raw(buf, at));
    }

    /** A word read in the machine's order, in little-endian order; C1 folds the test away. */
    private static long le(long word) {
        return LITTLE ? word : Long.reverseBytes(word);
    }

    /**
     * Whether {@code a[aOff, aOff + len)} and {@code b[bOff, bOff + len)} hold the same bytes, for
     * {@code len >= 8}: a word at a time, the last word overlapping the one before.
     */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        return UNSAFE_READS ? UnsafeWords.equal(a, aOff, b, bOff, len) : HandleWords.equal(a, aOff, b, bOff, len);
    }

    /**
     * The index (0..7) of the lowest byte whose high bit is set in {@code highBits}, which is not
     * 0: the lowest bit isolated, moved to bit 0 of its byte, and multiplied so that byte k of the
     * multiplier, 7 - k, lands in the top byte. {@code Long.numberOfTrailingZeros} is a call in C1.
     */
    static int lowestByte(long highBits) {
        return (int) ((((highBits & -highBits) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    static ArrayIndexOutOfBoundsException outside(byte[] buf, int at) {
        return new ArrayIndexOutOfBoundsException("8 bytes at " + at + " of " + buf.length);
    }

    /** Throws unless both ranges lie in their arrays and are at least a word long. */
    static void checkRanges(byte[] a, int aOff, byte[] b, int bOff, int len) {
        if (len < 8 || aOff < 0 || bOff < 0 || aOff > a.length - len || bOff > b.length - len) {
            throw new ArrayIndexOutOfBoundsException(len + " bytes at " + aOff + " of " + a.length
                    + " and at " + bOff + " of " + b.length);
        }
    }
}
