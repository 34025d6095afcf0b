package emrpipeline.bench.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls the pipeline's own objects need (GET, HEAD, conditional PUT, DELETE, ListObjectsV2 by prefix), over
 * one bucket kept in memory or in a directory (objects as files, off the heap: a benchmark's heap figures stay the
 * function's own). ETags are the MD5 of the content, as S3 gives for a single-part upload; {@code If-Match} and
 * {@code If-None-Match: *} are honoured (412). Keys under {@code discardPrefix} are counted and thrown away (manifests
 * of a benchmark). Not HTTP: no XML, no connection costs (those are measured by {@code sizing-list-parse}).
 */
public final class ObjectStoreS3Client implements S3Client {
    private final Path directory;
    private final String discardPrefix;
    private final Map<String, byte[]> memory = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    public final AtomicLong bytesRead = new AtomicLong();
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong gets = new AtomicLong();
    public final AtomicLong puts = new AtomicLong();

    private record Entry(String etag, long length, Instant lastModified) {
    }

    private ObjectStoreS3Client(Path directory, String discardPrefix) {
        this.directory = directory;
        this.discardPrefix = discardPrefix;
    }

    public static ObjectStoreS3Client inMemory(String discardPrefix) {
        return new ObjectStoreS3Client(null, discardPrefix);
    }

    /** Objects as files under {@code directory}; what is already there is part of the bucket. */
    public static ObjectStoreS3Client inDirectory(Path directory, String discardPrefix) {
        ObjectStoreS3Client store = new ObjectStoreS3Client(directory, discardPrefix);
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.walk(directory)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String key = directory.relativize(f).toString().replace('\\', '/');
                    try {
                        store.entries.put(key, new Entry(md5(Files.readAllBytes(f)), Files.size(f),
                                Files.getLastModifiedTime(f).toInstant()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    public void resetCounters() {
        bytesRead.set(0);
        bytesWritten.set(0);
        gets.set(0);
        puts.set(0);
    }

    /** Total bytes of the objects under {@code prefix}. */
    public long bytesUnder(String prefix) {
        return entries.subMap(prefix, prefix + Character.MAX_VALUE).values().stream().mapToLong(Entry::length).sum();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        String key = request.key();
        if (discardPrefix != null && key.startsWith(discardPrefix)) {
            return discard(request, body); // streamed and counted, never held: a manifest can be 140 MB
        }
        byte[] content;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        puts.incrementAndGet();
        bytesWritten.addAndGet(content.length);
        synchronized (this) {
            Entry existing = entries.get(key);
            if ("*".equals(request.ifNoneMatch()) && existing != null
                    || request.ifMatch() != null && (existing == null || !request.ifMatch().equals(existing.etag))) {
                throw error(412, "PreconditionFailed");
            }
            String etag = md5(content);
            write(key, content);
            entries.put(key, new Entry(etag, content.length, Instant.now()));
            return PutObjectResponse.builder().eTag(etag).build();
        }
    }

    private PutObjectResponse discard(PutObjectRequest request, RequestBody body) {
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
        puts.incrementAndGet();
        bytesWritten.addAndGet(n);
        synchronized (this) {
            if ("*".equals(request.ifNoneMatch()) && entries.containsKey(request.key())) {
                throw error(412, "PreconditionFailed");
            }
            entries.put(request.key(), new Entry("discarded", n, Instant.now()));
        }
        return PutObjectResponse.builder().eTag("discarded").build();
    }

    private void write(String key, byte[] content) {
        if (directory == null) {
            memory.put(key, content);
            return;
        }
        try {
            Path file = directory.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        Entry entry = entries.get(request.key());
        if (entry == null || discardPrefix != null && request.key().startsWith(discardPrefix)) {
            throw (NoSuchKeyException) NoSuchKeyException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build();
        }
        gets.incrementAndGet();
        InputStream in;
        try {
            in = directory == null ? new ByteArrayInputStream(memory.get(request.key()))
                    : Files.newInputStream(directory.resolve(request.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InputStream counted = new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
        try {
            return transformer.transform(GetObjectResponse.builder().eTag(entry.etag).contentLength(entry.length)
                    .lastModified(entry.lastModified).build(), AbortableInputStream.create(counted));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return getObject(request, ResponseTransformer.toInputStream());
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        Entry entry = entries.get(request.key());
        if (entry == null) {
            throw (NoSuchKeyException) NoSuchKeyException.builder().statusCode(404).build();
        }
        return HeadObjectResponse.builder().eTag(entry.etag).contentLength(entry.length).lastModified(entry.lastModified).build();
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        synchronized (this) {
            entries.remove(request.key());
            memory.remove(request.key());
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory.resolve(request.key()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        String prefix = request.prefix() == null ? "" : request.prefix();
        int max = request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys());
        String from = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        List<S3Object> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, Entry> e : (from == null ? entries.tailMap(prefix, true) : entries.tailMap(from, false)).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                if (e.getKey().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(S3Object.builder().key(e.getKey()).eTag('"' + e.getValue().etag + '"').size(e.getValue().length)
                    .lastModified(e.getValue().lastModified).build());
            last = e.getKey();
        }
        return ListObjectsV2Response.builder().contents(page).keyCount(page.size()).isTruncated(more)
                .nextContinuationToken(more ? last : null).build();
    }

    static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
