package dev.pyrometer.flame.model;

import java.util.Arrays;

/**
 * Sorts rows of ints (stacks of name ranks) lexicographically, a shorter row before the rows it
 * is a prefix of, by multikey quicksort: each pass splits a range on one level's value, and only
 * the rows equal there go on to the next level. A row is read at the levels it shares with others
 * and one more, never compared from its start again, and the work list makes stacks thousands
 * of frames deep no deeper on the Java stack.
 */
final class RowSort {
    /** Ranges this short are finished by insertion sort. */
    private static final int SMALL = 12;

    private final int[] values;
    private final int[] starts;
    private final int[] rows;
    /** The value at the range's level of the row at the same position in {@link #rows}. */
    private final int[] keys;
    /** Ranges to sort: from, to, level, and whether {@link #keys} holds that level already. */
    private int[] work = new int[4 * 64];
    private int pending;

    /** Row r is {@code values[starts[r], starts[r + 1])}; {@code rows} lists the rows to put in order. */
    RowSort(int[] values, int[] starts, int[] rows) {
        this.values = values;
        this.starts = starts;
        this.rows = rows;
        this.keys = new int[rows.length];
    }

    void run() {
        push(0, rows.length, 0, false);
        while (pending > 0) {
            pending -= 4;
            int from = work[pending];
            int to = work[pending + 1];
            int level = work[pending + 2];
            boolean keyed = work[pending + 3] != 0;
            if (to - from <= SMALL) {
                insertionSort(from, to, level);
            } else {
                split(from, to, level, keyed);
            }
        }
    }

    /** Three ways on the level's value: below the pivot, equal (sorted on at the next level), above. */
    private void split(int from, int to, int level, boolean keyed) {
        if (!keyed) {
            loadKeys(from, to, level);
        }
        int pivot = median(keys[from], keys[(from + to) >>> 1], keys[to - 1]);
        int lt = from;
        int i = from;
        int gt = to;
        while (i < gt) {
            int k = keys[i];
            if (k < pivot) {
                swap(lt++, i++);
            } else if (k > pivot) {
                swap(i, --gt);
            } else {
                i++;
            }
        }
        push(from, lt, level, true);
        push(gt, to, level, true);
        // Rows that end here (-1) are equal whole: they stay together, in any order.
        if (pivot >= 0 && gt - lt > 1) {
            push(lt, gt, level + 1, false);
        }
    }

    private void loadKeys(int from, int to, int level) {
        for (int i = from; i < to; i++) {
            keys[i] = key(rows[i], level);
        }
    }

    /** The row's value at {@code level}, or -1 past its end, so a prefix sorts first. */
    private int key(int row, int level) {
        int at = starts[row] + level;
        return at < starts[row + 1] ? values[at] : -1;
    }

    private void swap(int i, int j) {
        int r = rows[i];
        rows[i] = rows[j];
        rows[j] = r;
        int k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
    }

    private static int median(int a, int b, int c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private void insertionSort(int from, int to, int level) {
        for (int i = from + 1; i < to; i++) {
            int row = rows[i];
            int j = i - 1;
            while (j >= from && compare(rows[j], row, level) > 0) {
                rows[j + 1] = rows[j];
                j--;
            }
            rows[j + 1] = row;
        }
    }

    /** Rows compared from {@code level} on, where they are known to be equal before it. */
    private int compare(int a, int b, int level) {
        int fa = starts[a] + level;
        int fb = starts[b] + level;
        int la = starts[a + 1] - fa;
        int lb = starts[b + 1] - fb;
        int m = Arrays.mismatch(values, fa, fa + Math.min(la, lb), values, fb, fb + Math.min(la, lb));
        if (m < 0) {
            return Integer.compare(la, lb);
        }
        return Integer.compare(values[fa + m], values[fb + m]);
    }

    private void push(int from, int to, int level, boolean keyed) {
        if (to - from < 2) {
            return;
        }
        if (pending == work.length) {
            work = Arrays.copyOf(work, work.length * 2);
        }
        work[pending] = from;
        work[pending + 1] = to;
        work[pending + 2] = level;
        work[pending + 3] = keyed ? 1 : 0;
        pending += 4;
    }
}
