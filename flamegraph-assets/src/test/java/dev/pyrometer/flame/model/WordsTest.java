package dev.pyrometer.flame.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Word reads stand in for byte loops on the parser's hot path: each must agree with the loop it replaces. */
class WordsTest {

    @Test
    void lowestMarkedByteOfAWord() {
        for (int k = 0; k < 8; k++) {
            long bit = 0x80L << (8 * k);
            assertEquals(k, Words.lowestByte(bit));
            // Bytes above the first may be marked too (a borrow in the zero-byte test): still k.
            assertEquals(k, Words.lowestByte(bit | 0x8080808080808080L << (8 * k)));
        }
    }

    @Test
    void wordsAreLittleEndianAndBoundsChecked() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(0x0807060504030201L, Words.at(bytes, 0));
        assertEquals(0x0908070605040302L, Words.at(bytes, 1));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Words.at(bytes, 2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Words.at(bytes, -1));
    }

    /** Both ways of reading a word, whichever this JDK uses, read the same and check the same bounds. */
    @Test
    void unsafeAndHandleReadsAgree() {
        assertTrue(UnsafeWords.available(), "Unsafe is available on the JDK the tests run on");
        byte[] bytes = new byte[19];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 - 100);
        }
        for (int at = 0; at + 8 <= bytes.length; at++) {
            assertEquals(HandleWords.raw(bytes, at), UnsafeWords.raw(bytes, at), "at " + at);
        }
        for (int at : new int[] {-1, 12, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> UnsafeWords.raw(bytes, at));
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> HandleWords.raw(bytes, at));
        }
        assertEquals(Runtime.version().feature() < 23, Words.UNSAFE_READS);
    }

    @Test
    void equalFindsADifferenceInAnyByteAndChecksBounds() {
        assertEqualWorks(Words::equal);
        assertEqualWorks(UnsafeWords::equal);
        assertEqualWorks(HandleWords::equal);
    }

    interface Equality {
        boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len);
    }

    private static void assertEqualWorks(Equality words) {
        byte[] a = new byte[40];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 7 + 1);
        }
        for (int len = 8; len <= 30; len++) {
            byte[] b = new byte[len + 5];
            System.arraycopy(a, 3, b, 5, len);
            assertTrue(words.equal(a, 3, b, 5, len), "len " + len);
            for (int at = 0; at < len; at++) {
                b[5 + at] ^= 0x40;
                assertFalse(words.equal(a, 3, b, 5, len), "len " + len + ", byte " + at);
                b[5 + at] ^= 0x40;
            }
            int n = len;
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> words.equal(a, 3, b, 6, n));
        }
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> words.equal(a, -1, a, 0, 8));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> words.equal(a, 0, a, 0, 7));
    }

    @Test
    void tokenHashOfAnyLengthMatchesTheParsersWordsAndInternsOnce() {
        // Names of every length read in the middle and at the end of a line: one id each.
        FrameTable frames = new FrameTable();
        for (int len = 1; len <= 40; len++) {
            String name = "n".repeat(len);
            byte[] line = (name + ";" + name + " 1\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int id = frames.intern(name);
            assertEquals(id, frames.intern(line, 0, len, FrameTable.tokenHash(line, 0, len)));
            assertEquals(id, frames.intern(line, len + 1, len, FrameTable.tokenHash(line, len + 1, len)));
        }
        assertEquals(40, frames.size());
    }
}
