package emrpipeline.sizing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjectsV2 over a fixed set of keys held the way S3 documents it: sorted by their UTF-8 bytes ("List results
 * are always returned in UTF-8 binary order"), {@code Prefix}, {@code StartAfter} (exclusive), {@code MaxKeys} up
 * to 1,000, opaque continuation tokens. Sorted independently of the code under test (byte arrays, not
 * {@link KeyOrder}), so a listing that compared keys as Java Strings would be caught.
 */
final class SortedKeysS3 implements S3Client {
    private final byte[][] keys;
    private final String[] strings;
    final AtomicInteger calls = new AtomicInteger();

    SortedKeysS3(Collection<String> keys) {
        List<byte[]> bytes = new ArrayList<>();
        for (String k : keys) {
            bytes.add(k.getBytes(StandardCharsets.UTF_8));
        }
        bytes.sort(Arrays::compareUnsigned);
        this.keys = bytes.toArray(new byte[0][]);
        this.strings = new String[this.keys.length];
        for (int i = 0; i < this.keys.length; i++) {
            strings[i] = new String(this.keys[i], StandardCharsets.UTF_8);
        }
    }

    /** The keys in S3's order. */
    List<String> keys() {
        return List.of(strings);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        calls.incrementAndGet();
        byte[] prefix = (request.prefix() == null ? "" : request.prefix()).getBytes(StandardCharsets.UTF_8);
        int from;
        if (request.continuationToken() != null) {
            from = Integer.parseInt(request.continuationToken());
        } else if (request.startAfter() != null) {
            from = firstAfter(request.startAfter().getBytes(StandardCharsets.UTF_8));
        } else {
            from = 0;
        }
        int max = request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys());
        List<S3Object> page = new ArrayList<>();
        int i = from;
        for (; i < keys.length && page.size() < max; i++) {
            if (startsWith(keys[i], prefix)) {
                page.add(S3Object.builder().key(strings[i]).eTag("\"etag-" + i % 7 + "\"").size(1L + i % 3).build());
            }
        }
        while (i < keys.length && !startsWith(keys[i], prefix)) {
            i++;
        }
        boolean truncated = i < keys.length;
        return ListObjectsV2Response.builder().contents(page).keyCount(page.size()).isTruncated(truncated)
                .nextContinuationToken(truncated ? Integer.toString(i) : null).build();
    }

    private int firstAfter(byte[] startAfter) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(keys[mid], startAfter) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
