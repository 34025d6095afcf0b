package emrpipeline.sizing;

import java.util.Arrays;

/**
 * A set of 128-bit fingerprints in one {@code long[]} (16 bytes an entry, no per-entry objects): filled with
 * {@link #add}, then {@link #seal sealed} (sorted, duplicates removed), then queried with
 * {@link #contains} by binary search. Not thread-safe while filling; read-only and thread-safe once sealed.
 */
final class FingerprintSet {
    private static final int INSERTION_SORT_THRESHOLD = 24;
    /** Entries either side of the expected position searched first (n uniform values stray about sqrt(n)/2). */
    private static final int SEARCH_WINDOW = 4096;

    private long[] words; // entry i is (words[2i], words[2i+1]) = (high, low)
    private int size;
    private boolean sealed;

    FingerprintSet(int expectedEntries) {
        words = new long[Math.max(16, 2 * expectedEntries)];
    }

    /**
     * A set of exactly {@code entries} slots to be filled with {@link #set} (by several threads, each its own
     * slots), then sealed: no growing, no copy, for an index whose size is known beforehand.
     */
    static FingerprintSet ofSlots(long entries) {
        if (entries > (Integer.MAX_VALUE - 8) / 2) {
            throw new IllegalStateException("too many fingerprints: " + entries);
        }
        FingerprintSet set = new FingerprintSet(0);
        set.words = new long[(int) (2 * entries)];
        set.size = (int) entries;
        return set;
    }

    /** Fills slot {@code i} of a set made by {@link #ofSlots}. */
    void set(int i, long high, long low) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        words[2 * i] = high;
        words[2 * i + 1] = low;
    }

    void add(long high, long low) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (2 * size + 2 > words.length) {
            long newLength = Math.max(16L, (long) words.length + (words.length >> 1));
            if (newLength > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("too many fingerprints: " + size);
            }
            words = Arrays.copyOf(words, (int) newLength & ~1);
        }
        words[2 * size] = high;
        words[2 * size + 1] = low;
        size++;
    }

    /** Sorts, removes duplicates and trims the array; the set is read-only afterwards. */
    FingerprintSet seal() {
        if (!sealed) {
            sort(words, 0, size);
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (distinct == 0 || compare(words, i, distinct - 1) != 0) {
                    words[2 * distinct] = words[2 * i];
                    words[2 * distinct + 1] = words[2 * i + 1];
                    distinct++;
                }
            }
            size = distinct;
            words = Arrays.copyOf(words, 2 * size);
            sealed = true;
        }
        return this;
    }

    boolean contains(long high, long low) {
        if (!sealed) {
            throw new IllegalStateException("not sealed");
        }
        if (size == 0) {
            return false;
        }
        // Fingerprints are uniform over the 128-bit space: an entry sits close to where its value says, so search a
        // window around there first (a couple of cache misses instead of one per halving of a large array).
        long top = (high >>> 32) ^ 0x80000000L; // signed order as unsigned
        int guess = (int) ((top * size) >>> 32);
        int lo = Math.max(0, guess - SEARCH_WINDOW);
        int hi = Math.min(size - 1, guess + SEARCH_WINDOW);
        if (lo > 0 && compareTo(words, lo, high, low) > 0) {
            lo = 0;
        }
        if (hi < size - 1 && compareTo(words, hi, high, low) < 0) {
            hi = size - 1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long h = words[2 * mid];
            int c = h != high ? Long.compare(h, high) : Long.compare(words[2 * mid + 1], low);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    /** Heap taken by the fingerprints, in bytes. */
    long footprintBytes() {
        return 16L + 8L * words.length;
    }

    private static int compare(long[] w, int i, int j) {
        long a = w[2 * i];
        long b = w[2 * j];
        return a != b ? Long.compare(a, b) : Long.compare(w[2 * i + 1], w[2 * j + 1]);
    }

    private static void swap(long[] w, int i, int j) {
        long h = w[2 * i];
        long l = w[2 * i + 1];
        w[2 * i] = w[2 * j];
        w[2 * i + 1] = w[2 * j + 1];
        w[2 * j] = h;
        w[2 * j + 1] = l;
    }

    /** Quicksort of entries [from, to): median-of-three Hoare partition, recursion on the smaller side only. */
    static void sort(long[] w, int from, int to) {
        while (to - from > INSERTION_SORT_THRESHOLD) {
            int mid = (from + to) >>> 1;
            int last = to - 1;
            if (compare(w, mid, from) < 0) {
                swap(w, mid, from);
            }
            if (compare(w, last, from) < 0) {
                swap(w, last, from);
            }
            if (compare(w, last, mid) < 0) {
                swap(w, last, mid);
            }
            long pivotHigh = w[2 * mid];
            long pivotLow = w[2 * mid + 1];
            int i = from - 1;
            int j = to;
            while (true) {
                do {
                    i++;
                } while (compareTo(w, i, pivotHigh, pivotLow) < 0);
                do {
                    j--;
                } while (compareTo(w, j, pivotHigh, pivotLow) > 0);
                if (i >= j) {
                    break;
                }
                swap(w, i, j);
            }
            // [from, j] <= pivot <= [j + 1, to)
            if (j + 1 - from < to - (j + 1)) {
                sort(w, from, j + 1);
                from = j + 1;
            } else {
                sort(w, j + 1, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            for (int k = i; k > from && compare(w, k, k - 1) < 0; k--) {
                swap(w, k, k - 1);
            }
        }
    }

    private static int compareTo(long[] w, int i, long high, long low) {
        long h = w[2 * i];
        return h != high ? Long.compare(h, high) : Long.compare(w[2 * i + 1], low);
    }
}
