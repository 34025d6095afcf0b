package emrpipeline.bench.sizing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link S3Client} serving a synthetic bucket from memory: {@code partitions} partitions
 * {@code raw/part=NNNN/} of {@code keysPerPartition} keys {@code file-NNNNN.parquet} each, ListObjectsV2 with S3's
 * semantics (1,000 entries a page, continuation tokens, the {@code /} delimiter), a fixed delay per ListObjectsV2
 * call standing for S3's latency, an optional processed index served by GetObject, and PutObject that reads and
 * counts the body. Keys, ETags and sizes are computed from (partition, index) when a page is asked for, so the
 * bucket itself takes no heap: what the benchmark measures is the sizing's own memory.
 */
final class SyntheticBucketS3Client implements S3Client {
    static final String RAW_PREFIX = "raw/";
    static final String PIPELINE_PREFIX = "emr-pipeline/";
    static final String INDEX_KEY = PIPELINE_PREFIX + "index/processed.tsv.gz";
    private static final Instant LAST_MODIFIED = Instant.parse("2026-11-20T10:00:00Z");
    private static final int PAGE = 1000;

    private final int partitions;
    private final int keysPerPartition;
    private final long listDelayMillis;
    private final byte[] processedIndex;
    private final AtomicInteger listCalls = new AtomicInteger();
    private final AtomicLong bytesPut = new AtomicLong();
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    SyntheticBucketS3Client(int partitions, int keysPerPartition, long listDelayMillis, byte[] processedIndex) {
        this.partitions = partitions;
        this.keysPerPartition = keysPerPartition;
        this.listDelayMillis = listDelayMillis;
        this.processedIndex = processedIndex;
    }

    static String partitionPrefix(int partition) {
        return RAW_PREFIX + "part=" + pad(partition, 4) + "/";
    }

    static String key(int partition, int index) {
        return partitionPrefix(partition) + "file-" + pad(index, 5) + ".parquet";
    }

    /** A 32-hex-digit ETag, as S3 gives for a single-part upload, derived from (partition, index). */
    static String etag(int partition, int index) {
        long a = mix(((long) partition << 32) | index);
        long b = mix(a ^ 0x9E3779B97F4A7C15L);
        return hex16(a) + hex16(b);
    }

    /** 64 MiB to 192 MiB: a Spark-friendly file size. */
    static long size(int partition, int index) {
        return (64L << 20) + Math.floorMod(mix(((long) index << 32) | partition), 128L << 20);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String hex16(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    int listCalls() {
        return listCalls.get();
    }

    long bytesPut() {
        return bytesPut.get();
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
        int max = request.maxKeys() == null ? PAGE : Math.min(PAGE, request.maxKeys());
        long start = request.continuationToken() == null ? 0 : Long.parseLong(request.continuationToken());

        if (prefix.startsWith(PIPELINE_PREFIX)) { // existence checks of the manifest and the index
            List<S3Object> found = new ArrayList<>();
            if (processedIndex != null && INDEX_KEY.startsWith(prefix)) {
                found.add(S3Object.builder().key(INDEX_KEY).size((long) processedIndex.length).eTag("\"index\"")
                        .lastModified(LAST_MODIFIED).build());
            }
            return ListObjectsV2Response.builder().contents(found).isTruncated(false).keyCount(found.size()).build();
        }
        if (prefix.equals(RAW_PREFIX) && "/".equals(request.delimiter())) { // the partitions
            List<CommonPrefix> common = new ArrayList<>(max);
            long p = start;
            for (; p < partitions && common.size() < max; p++) {
                common.add(CommonPrefix.builder().prefix(partitionPrefix((int) p)).build());
            }
            return page(List.of(), common, p < partitions ? p : -1);
        }
        if (prefix.equals(RAW_PREFIX) || prefix.isEmpty()) { // the whole prefix, flat
            return keys(start, (long) partitions * keysPerPartition, max);
        }
        if (prefix.startsWith(RAW_PREFIX + "part=") && prefix.endsWith("/")) { // one partition
            int partition = Integer.parseInt(prefix.substring((RAW_PREFIX + "part=").length(), prefix.length() - 1));
            long first = (long) partition * keysPerPartition;
            ListObjectsV2Response page = keys(first + start, first + keysPerPartition, max);
            String next = page.nextContinuationToken();
            return next == null ? page : page.toBuilder()
                    .nextContinuationToken(Long.toString(Long.parseLong(next) - first)).build();
        }
        return page(List.of(), List.of(), -1);
    }

    /** Keys at global positions [from, end), at most max of them. */
    private ListObjectsV2Response keys(long from, long end, int max) {
        List<S3Object> contents = new ArrayList<>(max);
        long position = from;
        for (; position < end && contents.size() < max; position++) {
            int partition = (int) (position / keysPerPartition);
            int index = (int) (position % keysPerPartition);
            contents.add(S3Object.builder()
                    .key(key(partition, index))
                    .eTag('"' + etag(partition, index) + '"')
                    .size(size(partition, index))
                    .lastModified(LAST_MODIFIED)
                    .storageClass("STANDARD")
                    .build());
        }
        return page(contents, List.of(), position < end ? position : -1);
    }

    private static ListObjectsV2Response page(List<S3Object> contents, List<CommonPrefix> common, long next) {
        return ListObjectsV2Response.builder()
                .contents(contents)
                .commonPrefixes(common)
                .keyCount(contents.size() + common.size())
                .isTruncated(next >= 0)
                .nextContinuationToken(next >= 0 ? Long.toString(next) : null)
                .build();
    }

    @Override
    public <ReturnT> ReturnT getObject(GetObjectRequest request,
                                       ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
        if (processedIndex == null || !INDEX_KEY.equals(request.key())) {
            throw NoSuchKeyException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build();
        }
        try {
            return transformer.transform(GetObjectResponse.builder().contentLength((long) processedIndex.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(processedIndex)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if ("*".equals(request.ifNoneMatch()) && !written.add(request.key())) {
            throw (S3Exception) S3Exception.builder().statusCode(412)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("PreconditionFailed").build()).build();
        }
        long n = 0;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                n += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytesPut.addAndGet(n);
        return PutObjectResponse.builder().eTag("\"manifest\"").build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
