package emrpipeline.bench.sizing;

import emrpipeline.bench.store.ObjectStoreS3Client;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link S3Client} serving a synthetic bucket: raw keys under {@code raw/} computed from their position in a
 * {@link Layout} when a page is asked for (so the bucket takes no heap: what a benchmark measures is the sizing's
 * own memory), listed with S3's ListObjectsV2 semantics (1,000 keys a page, {@code StartAfter} in UTF-8 order, opaque
 * continuation tokens) after a fixed delay per call standing for S3's latency; everything else (manifests, the
 * processed index) goes to an {@link ObjectStoreS3Client}.
 */
public final class SyntheticBucketS3Client implements S3Client {
    public static final String RAW_PREFIX = "raw/";
    public static final String PIPELINE_PREFIX = "emr-pipeline/";
    private static final Instant LAST_MODIFIED = Instant.parse("2026-11-20T10:00:00Z");
    private static final int PAGE = 1000;

    /** Raw keys by position: {@code key(i)} increases with {@code i} in UTF-8 byte order. */
    public interface Layout {
        long size();

        String key(long i);

        default String etag(long i) {
            long a = mix(i * 0x9E3779B97F4A7C15L + 17);
            return hex16(a) + hex16(mix(a));
        }

        /** 64 MiB to 192 MiB: a Spark-friendly file size. */
        default long objectSize(long i) {
            return (64L << 20) + Math.floorMod(mix(i + 3), 128L << 20);
        }
    }

    /** {@code raw/file-0000000.parquet}, ...: a flat prefix of counters. */
    public static Layout flatCounters(long n) {
        return new Layout() {
            public long size() {
                return n;
            }

            public String key(long i) {
                return RAW_PREFIX + "file-" + pad(i, 9) + ".parquet";
            }
        };
    }

    /** {@code raw/<16 hex digits>.json.gz} spread evenly over the hex space: a flat prefix of random (UUID-like) names. */
    public static Layout flatHex(long n) {
        long step = Long.divideUnsigned(-1L, n);
        return new Layout() {
            public long size() {
                return n;
            }

            public String key(long i) {
                long jitter = Long.remainderUnsigned(mix(i), Math.max(1, step / 2));
                return RAW_PREFIX + hex16(i * step + jitter) + ".json.gz";
            }
        };
    }

    /** {@code raw/day=YYYY-MM-DD/part-NNNNN-<8 hex>.snappy.parquet}: {@code days} daily partitions of {@code perDay} keys. */
    public static Layout daily(java.time.LocalDate first, int days, int perDay) {
        return new Layout() {
            public long size() {
                return (long) days * perDay;
            }

            public String key(long i) {
                return partition(first, (int) (i / perDay)) + "part-" + pad(i % perDay, 6) + "-"
                        + hex16(mix(i)).substring(0, 8) + ".snappy.parquet";
            }
        };
    }

    public static String partition(java.time.LocalDate first, int day) {
        return RAW_PREFIX + "day=" + first.plusDays(day) + "/";
    }

    /** Positions {@code [from, from + size)} of another layout. */
    public static Layout slice(Layout of, long from, long size) {
        return new Layout() {
            public long size() {
                return size;
            }

            public String key(long i) {
                return of.key(from + i);
            }

            public String etag(long i) {
                return of.etag(from + i);
            }

            public long objectSize(long i) {
                return of.objectSize(from + i);
            }
        };
    }

    private final Layout layout;
    private final long listDelayMillis;
    private final ObjectStoreS3Client pipeline;
    private final AtomicInteger listCalls = new AtomicInteger();

    public SyntheticBucketS3Client(Layout layout, long listDelayMillis, ObjectStoreS3Client pipeline) {
        this.layout = layout;
        this.listDelayMillis = listDelayMillis;
        this.pipeline = pipeline;
    }

    public int listCalls() {
        return listCalls.get();
    }

    public ObjectStoreS3Client pipeline() {
        return pipeline;
    }

    /** The first position whose key sorts after {@code startAfter}. */
    long firstAfter(String startAfter) {
        long lo = 0;
        long hi = layout.size();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (emrpipeline.sizing.KeyOrder.compare(layout.key(mid), startAfter) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        listCalls.incrementAndGet();
        if (listDelayMillis > 0) {
            try {
                Thread.sleep(listDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String prefix = request.prefix() == null ? "" : request.prefix();
        if (!prefix.equals(RAW_PREFIX)) {
            return pipeline.listObjectsV2(request); // existence checks of the pipeline's own objects
        }
        int max = request.maxKeys() == null ? PAGE : Math.min(PAGE, request.maxKeys());
        long start = request.continuationToken() != null ? Long.parseLong(request.continuationToken())
                : request.startAfter() != null ? firstAfter(request.startAfter()) : 0;
        List<S3Object> contents = new ArrayList<>(max);
        long position = start;
        long end = layout.size();
        for (; position < end && contents.size() < max; position++) {
            contents.add(S3Object.builder()
                    .key(layout.key(position))
                    .eTag('"' + layout.etag(position) + '"')
                    .size(layout.objectSize(position))
                    .lastModified(LAST_MODIFIED)
                    .storageClass("STANDARD")
                    .build());
        }
        boolean more = position < end;
        return ListObjectsV2Response.builder().contents(contents).keyCount(contents.size()).isTruncated(more)
                .nextContinuationToken(more ? Long.toString(position) : null).build();
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return pipeline.getObject(request, transformer);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return pipeline.getObject(request);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        return pipeline.headObject(request);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        return pipeline.putObject(request, body);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return pipeline.deleteObject(request);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String hex16(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
