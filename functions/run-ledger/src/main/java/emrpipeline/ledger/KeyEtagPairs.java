package emrpipeline.ledger;

import java.util.Arrays;

/**
 * A manifest's (key, ETag) pairs in index order, packed into one byte array (UTF-8 key bytes, then ETag bytes) so
 * that a large manifest costs about its own size in memory. Order: key bytes compared as unsigned bytes (UTF-8 byte
 * order = Unicode code point order = S3's listing order), then ETag bytes ({@link KeyOrder}, docs/data-formats.md).
 */
public final class KeyEtagPairs {
    private byte[] data;
    private int used;
    private int[] offset;
    private int[] keyLength;
    private int[] etagLength;
    private int size;

    public KeyEtagPairs() {
        this(64, 1 << 12);
    }

    /** Sized for {@code pairs} pairs of {@code bytes} bytes in all: no copies while a manifest of known size is read. */
    public KeyEtagPairs(int pairs, int bytes) {
        data = new byte[Math.max(16, bytes)];
        offset = new int[Math.max(4, pairs)];
        keyLength = new int[offset.length];
        etagLength = new int[offset.length];
    }

    /** Appends a pair; the caller keeps them sorted and unique (see {@link #compare(int, int)}). */
    public void add(byte[] keyUtf8, byte[] etagUtf8) {
        if (size == offset.length) {
            int capacity = Math.max(4, size + (size >> 1));
            offset = Arrays.copyOf(offset, capacity);
            keyLength = Arrays.copyOf(keyLength, capacity);
            etagLength = Arrays.copyOf(etagLength, capacity);
        }
        int need = used + keyUtf8.length + etagUtf8.length;
        if (need > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, data.length + (data.length >> 1) + 16L)));
        }
        offset[size] = used;
        keyLength[size] = keyUtf8.length;
        etagLength[size] = etagUtf8.length;
        System.arraycopy(keyUtf8, 0, data, used, keyUtf8.length);
        System.arraycopy(etagUtf8, 0, data, used + keyUtf8.length, etagUtf8.length);
        used = need;
        size++;
    }

    public int size() {
        return size;
    }

    byte[] data() {
        return data;
    }

    int keyOffset(int i) {
        return offset[i];
    }

    int keyLength(int i) {
        return keyLength[i];
    }

    int etagOffset(int i) {
        return offset[i] + keyLength[i];
    }

    int etagLength(int i) {
        return etagLength[i];
    }

    /** Compares pair {@code i} with pair {@code j} in index order. */
    int compare(int i, int j) {
        return compareTuples(data, keyOffset(i), keyLength(i), data, etagOffset(i), etagLength(i),
                data, keyOffset(j), keyLength(j), data, etagOffset(j), etagLength(j));
    }

    /** Compares (keyA, etagA) with (keyB, etagB): keys as unsigned bytes, then ETags. */
    static int compareTuples(byte[] ka, int kaOff, int kaLen, byte[] ea, int eaOff, int eaLen,
                             byte[] kb, int kbOff, int kbLen, byte[] eb, int ebOff, int ebLen) {
        int c = Arrays.compareUnsigned(ka, kaOff, kaOff + kaLen, kb, kbOff, kbOff + kbLen);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(ea, eaOff, eaOff + eaLen, eb, ebOff, ebOff + ebLen);
    }
}
