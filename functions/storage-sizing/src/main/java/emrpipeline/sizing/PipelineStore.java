package emrpipeline.sizing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The pipeline's own objects under the pipeline prefix: run manifests and the processed index (format 2: a root
 * and shards; format 1: one object, read until the ledger's next commit migrates it).
 *
 * <p>Whether an object exists is asked with ListObjectsV2 on its exact key, not by a GetObject that fails:
 * without {@code s3:ListBucket} on a key S3 answers 403 rather than 404 for a missing object, and the role's
 * {@code s3:ListBucket} is scoped with an {@code s3:prefix} condition, which a GetObject does not carry.
 * Manifests are written once, with {@code If-None-Match: *}.
 */
final class PipelineStore {
    static final int PUT_ATTEMPTS = 3;
    private final S3Client s3;
    private final AtomicInteger listCalls = new AtomicInteger();

    PipelineStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The existing manifest of the job's run id, checked against its own objects; empty when there is none. */
    Optional<ManifestSummary> findManifest(SizingJob job) {
        if (!exists(job.bucket(), job.manifestKey())) {
            return Optional.empty();
        }
        return readManifest(job);
    }

    /**
     * The processed index as found: format 2 (its root read), format 1 (the single object, read later), or none.
     *
     * @param format 0 (none), 1 or 2
     * @param root   the format-2 root; null otherwise
     */
    record FoundIndex(int format, IndexRoot root) {
    }

    /**
     * What {@link #loadIndex} read: the pairs of the shards covering the listing, their first keys (where the
     * listing may cut the key space: keys the index knows), and how much was read.
     */
    record LoadedIndex(ProcessedIndex index, List<String> boundaries, int shardsRead, long entriesRead, long totalEntries) {
    }

    /** Finds the index: the format-2 root first (once it exists, format 1 is history), else the format-1 object. */
    FoundIndex findIndex(SizingJob job) {
        if (exists(job.bucket(), job.indexRootKey())) {
            String uri = "s3://" + job.bucket() + "/" + job.indexRootKey();
            try (ResponseInputStream<GetObjectResponse> in = get(job.bucket(), job.indexRootKey())) {
                return new FoundIndex(2, IndexRootReader.read(in, uri));
            } catch (NoSuchKeyException deletedSinceListed) {
                throw new CorruptPipelineObjectException(uri + " was listed but could not be read (deleted since?)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FoundIndex(exists(job.bucket(), job.processedIndexKey()) ? 1 : 0, null);
    }

    /**
     * Reads the part of the index that {@code range} of the raw prefix needs: the shards that can hold its keys
     * (format 2), the whole object (format 1), or nothing.
     */
    LoadedIndex loadIndex(SizingJob job, FoundIndex found, KeyRange range, ExecutorService pool) {
        if (found.format() == 0) {
            return new LoadedIndex(ProcessedIndex.empty(), List.of(), 0, 0, 0);
        }
        if (found.format() == 1) {
            String key = job.processedIndexKey();
            String uri = "s3://" + job.bucket() + "/" + key;
            try (ResponseInputStream<GetObjectResponse> in = get(job.bucket(), key)) {
                ProcessedIndex index = ProcessedIndex.read(in, uri);
                return new LoadedIndex(index, List.of(), 1, index.size(), index.size());
            } catch (NoSuchKeyException deletedSinceListed) {
                return new LoadedIndex(ProcessedIndex.empty(), List.of(), 0, 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        IndexRoot root = found.root();
        List<ProcessedIndex.ShardSource> sources = new ArrayList<>();
        List<String> boundaries = new ArrayList<>();
        long entries = 0;
        for (int i : root.shardsFor(job.rawPrefix(), range)) {
            IndexRoot.Shard shard = root.shards().get(i);
            String key = job.indexShardKey(shard.name());
            sources.add(new ProcessedIndex.ShardSource("s3://" + job.bucket() + "/" + key, shard.entries(), () -> {
                try {
                    return get(job.bucket(), key);
                } catch (NoSuchKeyException e) {
                    throw new CorruptPipelineObjectException("index shard s3://" + job.bucket() + "/" + key
                            + " named by the index root does not exist", e);
                }
            }));
            if (!shard.firstKey().isEmpty()) {
                boundaries.add(shard.firstKey());
            }
            entries += shard.entries();
        }
        return new LoadedIndex(ProcessedIndex.fromShards(sources, pool), boundaries, sources.size(), entries,
                root.entries());
    }

    /** What happened to a manifest PUT. */
    sealed interface PutOutcome permits Written, AlreadyThere {
    }

    /** This call wrote the manifest. */
    record Written() implements PutOutcome {
    }

    /** A manifest for the run id was there first (a concurrent or earlier call); nothing was written. */
    record AlreadyThere(ManifestSummary existing) implements PutOutcome {
    }

    /**
     * Writes the manifest unless one exists for the run id ({@code If-None-Match: *}).
     *
     * <p>SDK 2.40's URL-connection client surfaces an I/O failure while opening the request body stream (a
     * keep-alive connection the server has closed) as an {@link UncheckedIOException} that its retry policy
     * does not catch. The PUT is conditional, so trying again is safe: if an attempt did land, the next one
     * gets 412 and finds this very manifest, which still counts as written by this call.
     */
    PutOutcome putManifest(SizingJob job, Manifest manifest) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(job.bucket())
                .key(job.manifestKey())
                .ifNoneMatch("*")
                .contentType("application/json")
                .contentLength(manifest.contentLength())
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(request, RequestBody.fromContentProvider(manifest::newStream, manifest.contentLength(),
                        "application/json"));
                return new Written();
            } catch (UncheckedIOException | SdkClientException e) {
                // Failed on the wire, landed or not: the PUT is conditional, so the next attempt either writes the
                // manifest or gets 412 and finds the one that landed.
                if (attempt >= PUT_ATTEMPTS) {
                    throw e;
                }
            } catch (S3Exception e) {
                // 412: the object exists. 409: a concurrent conditional write of the same key is in progress.
                if (e.statusCode() == 412 || e.statusCode() == 409) {
                    Optional<ManifestSummary> existing = exists(job.bucket(), job.manifestKey())
                            ? readManifest(job) : Optional.empty();
                    if (existing.isPresent()) {
                        return existing.get().equals(manifest.summary())
                                ? new Written() : new AlreadyThere(existing.get());
                    }
                }
                throw S3ErrorTranslator.translate(e, job.bucket(), "PutObject", "key '" + job.manifestKey() + "'",
                        "s3:PutObject on arn:aws:s3:::" + job.bucket() + "/" + job.pipelinePrefix()
                                + SizingJob.MANIFESTS_FOLDER + "*");
            }
        }
    }

    /** ListObjectsV2 calls made so far (existence checks). */
    int listCalls() {
        return listCalls.get();
    }

    private Optional<ManifestSummary> readManifest(SizingJob job) {
        try (ResponseInputStream<GetObjectResponse> in = get(job.bucket(), job.manifestKey())) {
            return Optional.of(ManifestReader.readSummary(in, job.manifestUri()));
        } catch (NoSuchKeyException deletedSinceListed) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(String bucket, String key) {
        ListObjectsV2Response page;
        try {
            listCalls.incrementAndGet();
            page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(key).maxKeys(1).build());
        } catch (S3Exception e) {
            throw S3ErrorTranslator.translate(e, bucket, "ListObjectsV2", "prefix '" + key + "'",
                    "s3:ListBucket on arn:aws:s3:::" + bucket + " for s3:prefix '" + key + "'");
        }
        // The exact key sorts first among the keys it prefixes.
        return !page.contents().isEmpty() && page.contents().get(0).key().equals(key);
    }

    private ResponseInputStream<GetObjectResponse> get(String bucket, String key) {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (S3Exception e) {
            throw S3ErrorTranslator.translate(e, bucket, "GetObject", "key '" + key + "'",
                    "s3:GetObject on arn:aws:s3:::" + bucket + "/" + key);
        }
    }
}
