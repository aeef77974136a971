package dev.pyrometer.flame.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interned frame names: each distinct collapsed token (name plus optional kind suffix) gets a
 * small id, looked up by hashing its bytes in place so parsing never builds a String per frame.
 */
public final class FrameTable {
    private byte[] pool = new byte[1 << 16];
    private int poolSize;
    private int[] start = new int[1024];
    private int[] tokenLength = new int[1024];
    private int[] nameLength = new int[1024];
    private int[] hashes = new int[1024];
    private byte[] kinds = new byte[1024];
    private String[] names = new String[1024];
    private int count;
    /**
     * Two longs a slot: hash << 32 | (id + 1), so most misses are settled without touching the
     * name, then the name's start in the pool << 32 | its length, so a hit reads the name next
     * without a look at the per-id arrays (two cache misses fewer a frame in a large profile).
     */
    private long[] slots = new long[2 * 1024];
    private int mask = 1024 - 1;

    /** An independent copy: the same ids for the same names. */
    public FrameTable copy() {
        FrameTable c = new FrameTable();
        c.pool = pool.clone();
        c.poolSize = poolSize;
        c.start = start.clone();
        c.tokenLength = tokenLength.clone();
        c.nameLength = nameLength.clone();
        c.hashes = hashes.clone();
        c.kinds = kinds.clone();
        c.names = names.clone();
        c.count = count;
        c.slots = slots.clone();
        c.mask = mask;
        return c;
    }

    /**
     * The hash {@link #intern(byte[], int, int, int)} expects: {@link #tokenStep} over each 8 bytes,
     * the last word padded with zeros, then {@link #tokenFold}. Eight bytes a step, as a parser
     * reads them while it looks for the token's end: a byte a step took a fifth of a parse.
     */
    public static int tokenHash(byte[] buf, int off, int len) {
        long h = 0;
        int end = off + len;
        int i = off;
        for (; i + 8 <= end; i += 8) {
            h = tokenStep(h, Words.at(buf, i));
        }
        if (i < end) {
            long w = 0;
            for (int k = end - 1; k >= i; k--) {
                w = w << 8 | (buf[k] & 0xff);
            }
            h = tokenStep(h, w);
        }
        return tokenFold(h);
    }

    /** One word of {@link #tokenHash}: the rotation brings each product's high bits down for the next word. */
    static long tokenStep(long h, long word) {
        return Long.rotateLeft((h ^ word) * 0x9E3779B97F4A7C15L, 29);
    }

    static int tokenFold(long h) {
        return (int) (h ^ h >>> 32);
    }

    /** A stable hash of a name, {@code h = 31 * h + b} over its bytes: colours are chosen by it. */
    public static int hash(byte[] buf, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    public int intern(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return intern(bytes, 0, bytes.length, tokenHash(bytes, 0, bytes.length));
    }

    /** The id of the token {@code buf[off, off+len)} whose {@link #tokenHash} is {@code h}, adding it when new. */
    public int intern(byte[] buf, int off, int len, int h) {
        int slot = mix(h) & mask;
        while (true) {
            long entry = slots[2 * slot];
            if (entry == 0) {
                return add(buf, off, len, h, slot);
            }
            if ((int) (entry >>> 32) == h) {
                long name = slots[2 * slot + 1];
                if ((int) name == len && sameBytes(pool, (int) (name >>> 32), buf, off, len)) {
                    return (int) entry - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Byte ranges equal, 8 bytes at a time ({@link Words#equal}): for names of tens of bytes the
     * library call's checks and set-up cost more than the comparison. Small enough for C1 to inline.
     */
    static boolean sameBytes(byte[] a, int aOff, byte[] b, int bOff, int len) {
        return len >= 8 ? Words.equal(a, aOff, b, bOff, len) : sameShort(a, aOff, b, bOff, len);
    }

    private static boolean sameShort(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (a[aOff + i] != b[bOff + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private int add(byte[] buf, int off, int len, int h, int slot) {
        if (count == start.length) {
            int cap = count * 2;
            start = Arrays.copyOf(start, cap);
            tokenLength = Arrays.copyOf(tokenLength, cap);
            nameLength = Arrays.copyOf(nameLength, cap);
            hashes = Arrays.copyOf(hashes, cap);
            kinds = Arrays.copyOf(kinds, cap);
            names = Arrays.copyOf(names, cap);
        }
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(buf, off, pool, poolSize, len);
        int id = count++;
        start[id] = poolSize;
        tokenLength[id] = len;
        hashes[id] = h;
        FrameKind kind = FrameKind.fromSuffix(buf, off, len);
        if (kind != null) {
            nameLength[id] = len - 4;
        } else {
            nameLength[id] = len;
            kind = FrameKind.guess(buf, off, len);
        }
        kinds[id] = (byte) kind.ordinal();
        poolSize += len;
        slots[2 * slot] = (long) h << 32 | (id + 1);
        slots[2 * slot + 1] = (long) start[id] << 32 | len;
        if (count * 2 > mask + 1) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new long[slots.length * 2];
        mask = slots.length / 2 - 1;
        for (int id = 0; id < count; id++) {
            int slot = mix(hashes[id]) & mask;
            while (slots[2 * slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = (long) hashes[id] << 32 | (id + 1);
            slots[2 * slot + 1] = (long) start[id] << 32 | tokenLength[id];
        }
    }

    /** The {@link #hash} of the token as read, kept from interning. */
    public int tokenHash(int id) {
        return hashes[id];
    }

    public int size() {
        return count;
    }

    /** The bytes all names live in; a name is {@code pool()[nameStart(id), +nameLength(id))}. */
    public byte[] pool() {
        return pool;
    }

    public int nameStart(int id) {
        return start[id];
    }

    /** Length of the displayed name, without the kind suffix. */
    public int nameLength(int id) {
        return nameLength[id];
    }

    /** Length of the token as read, suffix included, so collapsed output round-trips. */
    public int tokenLength(int id) {
        return tokenLength[id];
    }

    public FrameKind kind(int id) {
        return FrameKind.of(kinds[id]);
    }

    /** A stable hash of the displayed name, for colours that do not depend on input order. */
    public int nameHash(int id) {
        return hash(pool, start[id], nameLength[id]);
    }

    /** The displayed name (suffix stripped), decoded once and cached. */
    public String name(int id) {
        String name = names[id];
        if (name == null) {
            name = new String(pool, start[id], nameLength[id], StandardCharsets.UTF_8);
            names[id] = name;
        }
        return name;
    }

    /** Ids ordered by displayed name (bytewise, then by kind), the left-to-right order of siblings. */
    public int[] rankByName() {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        // A merge sort on ids with the comparison inline: boxing the ids for a comparator sort took twice as long.
        sort(order, new int[count], 0, count);
        int[] rank = new int[count];
        for (int i = 0; i < count; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    private void sort(int[] ids, int[] tmp, int from, int to) {
        if (to - from <= 12) {
            for (int i = from + 1; i < to; i++) {
                int id = ids[i];
                int j = i - 1;
                while (j >= from && compare(ids[j], id) > 0) {
                    ids[j + 1] = ids[j];
                    j--;
                }
                ids[j + 1] = id;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(ids, tmp, from, mid);
        sort(ids, tmp, mid, to);
        if (compare(ids[mid - 1], ids[mid]) <= 0) {
            return;
        }
        System.arraycopy(ids, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            ids[k] = j >= to || i < mid && compare(tmp[i], tmp[j]) <= 0 ? tmp[i++] : tmp[j++];
        }
    }

    /** The order of {@link #rankByName}: displayed name bytewise, then kind, then the token as read. */
    public int compare(int a, int b) {
        int c = Arrays.compareUnsigned(pool, start[a], start[a] + nameLength[a],
                pool, start[b], start[b] + nameLength[b]);
        if (c == 0) {
            c = Integer.compare(kinds[a], kinds[b]);
        }
        return c != 0 ? c : Arrays.compareUnsigned(pool, start[a], start[a] + tokenLength[a],
                pool, start[b], start[b] + tokenLength[b]);
    }
}
