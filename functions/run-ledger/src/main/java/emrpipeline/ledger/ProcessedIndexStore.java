package emrpipeline.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The processed index in S3 ({@code <pipelinePrefix>index/processed.tsv.gz}), changed only by conditional PUTs:
 * read it (remembering its ETag; absent means empty), merge, then PUT with {@code If-Match: <ETag>} or, when there
 * was none, {@code If-None-Match: *}. A 412 (someone else wrote in between) or 409 (S3's
 * ConditionalRequestConflict) means re-read and merge again, after a backoff with full jitter, a bounded number of
 * times; then {@link IndexCommitConflictException}. Two writers therefore never lose each other's update, and a
 * commit whose pairs are all indexed already writes nothing (so repeating a commit changes nothing).
 */
public final class ProcessedIndexStore {
    private static final Logger LOG = LogManager.getLogger(ProcessedIndexStore.class);

    /** What a commit did. {@code attempts} counts conditional PUT rounds (1 = no conflict). */
    public record CommitOutcome(int attempts, boolean written, long added, long pairsBefore, long pairsAfter,
                                long compressedBytesRead, long uncompressedBytesRead, long compressedBytesWritten) {
    }

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final S3Client s3;
    private final S3Location index;
    private final int gzipLevel;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Sleeper sleeper;

    public ProcessedIndexStore(S3Client s3, S3Location index, int gzipLevel, int maxAttempts, Duration backoffBase,
                               Sleeper sleeper) {
        this.s3 = s3;
        this.index = index;
        this.gzipLevel = gzipLevel;
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.sleeper = sleeper;
    }

    public S3Location location() {
        return index;
    }

    /** Merges {@code pairs} into the index; idempotent. */
    public CommitOutcome commit(KeyEtagPairs pairs) {
        long readCompressed = 0;
        long readUncompressed = 0;
        for (int attempt = 1; ; attempt++) {
            ExposedByteArrayOutputStream merged;
            String etag;
            ProcessedIndexMerge.Outcome outcome;
            try (CountingInputStream current = open()) {
                etag = current == null ? null : current.etag;
                // The merged index is about the size of the current one: size the buffer once instead of doubling.
                long expected = current == null || current.length == null ? 1 << 16 : current.length + current.length / 16 + (1 << 16);
                merged = new ExposedByteArrayOutputStream((int) Math.min(expected, Integer.MAX_VALUE - 16));
                outcome = ProcessedIndexMerge.merge(current, pairs, merged, gzipLevel);
                if (current != null) {
                    readCompressed += current.count;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            readUncompressed += outcome.uncompressedBytesRead();
            if (outcome.added() == 0) {
                return new CommitOutcome(attempt, false, 0, outcome.pairsBefore(), outcome.pairsAfter(),
                        readCompressed, readUncompressed, 0);
            }
            PutObjectRequest.Builder put = PutObjectRequest.builder()
                    .bucket(index.bucket()).key(index.key()).contentType("application/gzip");
            if (etag == null) {
                put.ifNoneMatch("*");
            } else {
                put.ifMatch(etag);
            }
            try {
                PutObjectResponse written = s3.putObject(put.build(), RequestBody.fromContentProvider(
                        () -> new ByteArrayInputStream(merged.buffer(), 0, merged.size()), merged.size(), "application/gzip"));
                LOG.info("processed index " + index + ": +" + outcome.added() + " pairs, " + outcome.pairsAfter()
                        + " in all, " + merged.size() + " bytes, ETag " + written.eTag() + " (attempt " + attempt + ")");
                return new CommitOutcome(attempt, true, outcome.added(), outcome.pairsBefore(), outcome.pairsAfter(),
                        readCompressed, readUncompressed, merged.size());
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new IndexCommitConflictException("the processed index " + index + " changed under every one of "
                            + maxAttempts + " conditional writes (last HTTP " + e.statusCode()
                            + "); nothing of this commit was written and retrying later is safe", e);
                }
                Duration wait = backoff(attempt);
                LOG.warn("processed index " + index + " changed since it was read (HTTP " + e.statusCode()
                        + "); merging again in " + wait.toMillis() + " ms");
                sleep(wait);
            } catch (SdkClientException e) {
                // The PUT failed on the wire (a connection closed under the body, say): it may or may not have
                // landed. Reading and merging again tells which; the write stays conditional, so nothing is lost.
                if (attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                LOG.warn("processed index " + index + ": the conditional write failed on the wire (" + e.getMessage()
                        + "); reading and merging again in " + wait.toMillis() + " ms");
                sleep(wait);
            }
        }
    }

    /** Whether every pair is in the index (reads it; writes nothing). */
    public boolean containsAll(KeyEtagPairs pairs) {
        try (CountingInputStream current = open()) {
            return ProcessedIndexMerge.merge(current, pairs, null, gzipLevel).added() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full jitter: uniform in [0, min(base * 2^(attempt-1), 5 s)]. */
    private Duration backoff(int attempt) {
        long capMillis = Math.min(backoffBase.toMillis() << Math.min(attempt - 1, 20), 5_000L);
        return Duration.ofMillis(capMillis <= 0 ? 0 : Jitter.nextLong(capMillis + 1));
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexCommitConflictException("interrupted while waiting to retry the index commit", e);
        }
    }

    /** The index as a stream (with its ETag), or null when there is none yet. */
    private CountingInputStream open() {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(
                    GetObjectRequest.builder().bucket(index.bucket()).key(index.key()).build(),
                    ResponseTransformer.toInputStream());
            return new CountingInputStream(in, in.response().eTag(), in.response().contentLength());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 403 && isAbsent(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * S3 answers 403 instead of 404 for a missing key when the caller may not list the bucket. The function may list
     * only the index key itself (a prefix-conditioned s3:ListBucket), which tells "absent" from "denied".
     */
    private boolean isAbsent(S3Exception denied) {
        try {
            ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(index.bucket()).prefix(index.key()).maxKeys(1));
            return listing.contents().stream().noneMatch(o -> o.key().equals(index.key()));
        } catch (S3Exception e) {
            denied.addSuppressed(e);
            return false;
        }
    }

    /** Counts the compressed bytes read and carries the ETag they belong to. */
    private static final class CountingInputStream extends FilterInputStream {
        final String etag;
        final Long length;
        long count;

        CountingInputStream(InputStream in, String etag, Long length) {
            super(in);
            this.etag = etag;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A ByteArrayOutputStream whose buffer is handed to the PUT without a copy. */
    static final class ExposedByteArrayOutputStream extends ByteArrayOutputStream {
        ExposedByteArrayOutputStream(int size) {
            super(size);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
