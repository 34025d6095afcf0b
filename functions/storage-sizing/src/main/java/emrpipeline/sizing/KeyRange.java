package emrpipeline.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous range of S3 keys in ListObjectsV2's own terms: every key {@code k} with
 * {@code startAfter < k <= endInclusive}, compared in UTF-8 byte order (S3 lists "in UTF-8 binary order",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ListingKeysUsingAPIs.html). A null bound is open.
 *
 * <p>Why this shape: ListObjectsV2's {@code StartAfter} is exclusive ("Amazon S3 starts listing after this
 * specified key", https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html), so a range that starts
 * after a boundary and ends at the next one, inclusive, is exactly one listing cut short; ranges split at the same
 * boundaries meet with no gap and no overlap whatever the keys are.
 */
public record KeyRange(String startAfter, String endInclusive) {

    /** Every key. */
    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        if (startAfter != null && endInclusive != null && KeyOrder.compare(startAfter, endInclusive) >= 0) {
            throw new IllegalArgumentException("empty range: (" + startAfter + ", " + endInclusive + "]");
        }
    }

    public boolean contains(String key) {
        return (startAfter == null || KeyOrder.compare(key, startAfter) > 0) && !isPastEnd(key);
    }

    /** True when {@code key} lies beyond the end: the listing of this range is done when it meets such a key. */
    public boolean isPastEnd(String key) {
        return endInclusive != null && KeyOrder.compare(key, endInclusive) > 0;
    }

    /**
     * This range cut at {@code boundaries}, which must be strictly increasing and lie strictly inside it:
     * {@code (startAfter, b1], (b1, b2], ..., (bn, endInclusive]}. Every key of this range is in exactly one of them.
     */
    public List<KeyRange> splitAt(List<String> boundaries) {
        List<KeyRange> parts = new ArrayList<>(boundaries.size() + 1);
        String from = startAfter;
        for (String b : boundaries) {
            if (!contains(b) || b.equals(endInclusive)) {
                throw new IllegalArgumentException("boundary " + b + " is not strictly inside " + this);
            }
            parts.add(new KeyRange(from, b)); // throws unless b > from: the boundaries must increase
            from = b;
        }
        parts.add(new KeyRange(from, endInclusive));
        return parts;
    }

    @Override
    public String toString() {
        return "(" + (startAfter == null ? "-inf" : "'" + startAfter + "'") + ", "
                + (endInclusive == null ? "+inf)" : "'" + endInclusive + "']");
    }
}
