package emrpipeline.ledger;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
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
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The processed index in S3, format 2 (docs/data-formats.md): a root object naming immutable shards, each the sorted
 * pairs of one key range. A commit reads the root (remembering its ETag), reads only the shards the manifest's keys
 * fall in, merges, writes the changed shards as new objects ({@code If-None-Match: *}, fresh names), and then the new
 * root with {@code If-Match: <ETag>} ({@code If-None-Match: *} when there was none). The root write is the commit:
 * a 412 (someone else committed in between) or 409 (S3's ConditionalRequestConflict) means read and merge again,
 * after a backoff with full jitter, a bounded number of times; then {@link IndexCommitConflictException}. Two writers
 * therefore never lose each other's update, readers always see a whole commit, and a commit whose pairs are all
 * indexed already writes nothing (repeating a commit changes nothing). Cost: the touched shards, not the history.
 *
 * <p>Also here: the migration of a format-1 index (one object, {@code index/processed.tsv.gz}) on first use, which
 * can be interrupted and retried (nothing counts until the root exists; the old object stays until then and is
 * replaced by a tombstone afterwards, so that an older pipeline version stops instead of reprocessing everything);
 * the listing state the sizing needs (watermark, last full listing) kept in the root; and the removal of shard
 * objects no root names any more, an hour after they stopped being named (no reader lives that long).
 */
public final class ProcessedIndexStore {
    private static final Logger LOG = LogManager.getLogger(ProcessedIndexStore.class);
    static final int SHARD_PUT_ATTEMPTS = 3;
    /** The longest wait between two rounds of a commit whose root write lost a race. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Doublings of the backoff base before {@link #MAX_BACKOFF} caps it anyway (keeps the shift from overflowing). */
    private static final int MAX_BACKOFF_DOUBLINGS = 20;
    private static final long TOMBSTONE_MAX_BYTES = 1024;
    /** The first line of the format-1 object after migration: no TAB, so a format-1 reader rejects it. */
    static final String LEGACY_TOMBSTONE = "emr-pipeline processed index moved to format 2 (" + IndexRoot.ROOT_KEY
            + " under the same pipeline prefix); this object is kept only to stop older pipeline versions\n";

    /**
     * What a commit did. {@code attempts} counts conditional root PUT rounds (1 = no conflict); bytes are compressed,
     * except {@code uncompressedBytesRead}; shard counts are those of the last round.
     */
    public record CommitOutcome(int attempts, boolean written, long added, long pairsBefore, long pairsAfter,
                                long compressedBytesRead, long uncompressedBytesRead, long compressedBytesWritten,
                                int shardsRead, int shardsWritten, int shardsInIndex, boolean migrated) {
    }

    /**
     * What a commit records about the listing that found its pairs (see the sizing's ListingPlan).
     *
     * @param rawPrefix     the manifest's raw prefix
     * @param partitions    the partition paths of the committed keys
     * @param fullListingAt when the manifest's listing was a full one, when it listed; else null
     */
    public record ListingUpdate(String rawPrefix, Collection<String> partitions, Instant fullListingAt) {

        /** From a verified manifest: its keys' partitions, and its time when it says its listing was full. */
        public static ListingUpdate of(Manifest manifest) {
            Set<String> partitions = new java.util.TreeSet<>(KeyOrder::compare);
            KeyEtagPairs pairs = manifest.pairs();
            for (int i = 0; i < pairs.size(); i++) {
                String partition = PartitionPath.of(new String(pairs.data(), pairs.keyOffset(i), pairs.keyLength(i),
                        StandardCharsets.UTF_8), manifest.rawPrefix());
                if (partition != null) {
                    partitions.add(partition);
                }
            }
            Instant fullAt = null;
            if (ManifestReader.FULL_LISTING.equals(manifest.listingMode()) && manifest.createdAt() != null) {
                fullAt = Instant.parse(manifest.createdAt());
            }
            return new ListingUpdate(manifest.rawPrefix(), partitions, fullAt);
        }
    }

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        /** Production's: the thread sleeps (tests pass one that advances their clock instead). */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
    }

    private final S3Client s3;
    private final String bucket;
    private final String pipelinePrefix;
    private final int gzipLevel;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int maxShardEntries;
    private final int targetShardEntries;
    private final Supplier<String> shardTags;

    public ProcessedIndexStore(S3Client s3, String bucket, String pipelinePrefix, int gzipLevel, int maxAttempts,
                               Duration backoffBase, Sleeper sleeper, Clock clock) {
        this(s3, bucket, pipelinePrefix, gzipLevel, maxAttempts, backoffBase, sleeper, clock,
                IndexRoot.MAX_SHARD_ENTRIES, IndexRoot.TARGET_SHARD_ENTRIES);
    }

    /** With other shard sizes: for tests (small shards) and the benchmark that chose the defaults. */
    public ProcessedIndexStore(S3Client s3, String bucket, String pipelinePrefix, int gzipLevel, int maxAttempts,
                               Duration backoffBase, Sleeper sleeper, Clock clock, int maxShardEntries,
                               int targetShardEntries) {
        this(s3, bucket, pipelinePrefix, gzipLevel, maxAttempts, backoffBase, sleeper, clock, maxShardEntries,
                targetShardEntries, ProcessedIndexStore::randomTag);
    }

    /**
     * With the source of the 16 hex digits that make each commit's shard names unique: {@link #randomTag} in
     * production; a fixed sequence where a test compares what a commit writes with the golden files.
     */
    ProcessedIndexStore(S3Client s3, String bucket, String pipelinePrefix, int gzipLevel, int maxAttempts,
                        Duration backoffBase, Sleeper sleeper, Clock clock, int maxShardEntries,
                        int targetShardEntries, Supplier<String> shardTags) {
        this.shardTags = shardTags;
        this.maxShardEntries = maxShardEntries;
        this.targetShardEntries = targetShardEntries;
        this.s3 = s3;
        this.bucket = bucket;
        this.pipelinePrefix = pipelinePrefix;
        this.gzipLevel = gzipLevel;
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** {@code s3://bucket/<pipelinePrefix>index/v2/root.json} */
    public S3Location rootLocation() {
        return new S3Location(bucket, pipelinePrefix + IndexRoot.ROOT_KEY);
    }

    private String rootKey() {
        return pipelinePrefix + IndexRoot.ROOT_KEY;
    }

    private String legacyKey() {
        return pipelinePrefix + IndexRoot.LEGACY_KEY;
    }

    private String shardKey(String name) {
        return pipelinePrefix + IndexRoot.SHARDS_FOLDER + name;
    }

    /** Merges {@code pairs} (sorted, unique) into the index and records {@code listing} (null: nothing); idempotent. */
    public CommitOutcome commit(KeyEtagPairs pairs, ListingUpdate listing) {
        Counters io = new Counters();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            RootRead current = readRoot(io);
            IndexRoot base;
            boolean migrated = false;
            if (current != null) {
                base = current.root;
            } else {
                Opened legacy = openLegacy(io);
                if (legacy == null) {
                    base = IndexRoot.empty();
                } else {
                    base = migrate(legacy, now, io);
                    migrated = true;
                }
            }
            Merged merged = mergeShards(base, pairs, now, io);
            List<IndexRoot.ListingState> listings = base.listings();
            if (listing != null) {
                listings = base.withListing(base.listing(listing.rawPrefix()).after(listing.partitions(), listing.fullListingAt()));
            }
            IndexRoot.MigratedFrom migratedFrom = base.migratedFrom();
            boolean retireLegacy = current != null && migratedFrom != null && !migratedFrom.retired();
            if (merged.added == 0 && !migrated && !retireLegacy && listings.equals(base.listings())) {
                if (attempt > 1) {
                    // An earlier round's root write may have landed although it failed on the wire: this is that
                    // root, so its clean-up is done here.
                    collectGarbage(base, expiredRetired(base, now), now);
                }
                return new CommitOutcome(attempt, false, 0, base.entries(), base.entries(), io.read, io.uncompressed,
                        io.written, merged.shardsRead, 0, base.shards().size(), false);
            }
            if (retireLegacy) {
                migratedFrom = retireLegacyIndex(migratedFrom, io);
            }
            List<IndexRoot.Retired> keptRetired = new ArrayList<>();
            List<IndexRoot.Retired> expired = new ArrayList<>();
            for (IndexRoot.Retired r : base.retired()) {
                (r.retiredAt().plus(IndexRoot.RETIRED_GRACE).isAfter(now) ? keptRetired : expired).add(r);
            }
            for (IndexRoot.Shard replaced : merged.replaced) {
                keptRetired.add(new IndexRoot.Retired(replaced.name(), now));
            }
            IndexRoot next = new IndexRoot(base.generation() + 1, now, base.entries() + merged.added, merged.shards,
                    keptRetired, listings, migratedFrom);
            try {
                putRoot(next, current == null ? null : current.etag, io);
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new IndexCommitConflictException("the processed index " + rootLocation() + " changed under every one of "
                            + maxAttempts + " conditional writes (last HTTP " + e.statusCode()
                            + "); nothing of this commit was written and retrying later is safe", e);
                }
                Duration wait = backoff(attempt);
                LOG.warn("processed index " + rootLocation() + " changed since it was read (HTTP " + e.statusCode()
                        + "); merging again in " + wait.toMillis() + " ms");
                sleep(wait);
                continue;
            } catch (SdkClientException | UncheckedIOException e) {
                // The PUT failed on the wire (a connection closed under the body, say): it may or may not have
                // landed. Reading and merging again tells which; the write stays conditional, so nothing is lost.
                if (attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                LOG.warn("processed index " + rootLocation() + ": the conditional root write failed on the wire ("
                        + e.getMessage() + "); reading and merging again in " + wait.toMillis() + " ms");
                sleep(wait);
                continue;
            }
            LOG.info("processed index " + rootLocation() + " generation " + next.generation() + ": +" + merged.added
                    + " pairs, " + next.entries() + " in all, " + merged.shardsRead + " shard(s) read, "
                    + merged.shardsWritten + " written, " + next.shards().size() + " in the index"
                    + (migrated ? "; migrated from " + legacyKey() : "") + " (attempt " + attempt + ")");
            if (migrated) {
                retireLegacyIndex(next.migratedFrom(), io); // the next commit records it in the root
            }
            collectGarbage(next, expired, now);
            return new CommitOutcome(attempt, true, merged.added, base.entries(), next.entries(), io.read, io.uncompressed,
                    io.written, merged.shardsRead, merged.shardsWritten, next.shards().size(), migrated);
        }
    }

    /** Whether every pair is in the index (reads the root and the shards the pairs fall in; writes nothing). */
    public boolean containsAll(KeyEtagPairs pairs) {
        Counters io = new Counters();
        RootRead current = readRoot(io);
        if (current == null) {
            Opened legacy = openLegacy(io);
            if (legacy == null) {
                return pairs.size() == 0;
            }
            try (InputStream in = legacy.stream) {
                return ProcessedIndexMerge.merge(in, pairs, null).added() == 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<IndexRoot.Shard> shards = current.root.shards();
        if (shards.isEmpty()) {
            return pairs.size() == 0;
        }
        int[] bounds = assign(shards, pairs);
        for (int i = 0; i < shards.size(); i++) {
            if (bounds[i] == bounds[i + 1]) {
                continue;
            }
            try (InputStream in = openShard(shards.get(i), io)) {
                if (ProcessedIndexMerge.merge(in, pairs, bounds[i], bounds[i + 1], null, lower(shards, i), upper(shards, i))
                        .added() > 0) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ merging shards

    /** The shards after merging: replaced ones, new ones written, pairs added. */
    private static final class Merged {
        final List<IndexRoot.Shard> shards = new ArrayList<>();
        final List<IndexRoot.Shard> replaced = new ArrayList<>();
        long added;
        int shardsRead;
        int shardsWritten;
    }

    private Merged mergeShards(IndexRoot base, KeyEtagPairs pairs, Instant now, Counters io) {
        Merged merged = new Merged();
        String tag = shardTags.get();
        long generation = base.generation() + 1;
        int[] sequence = {0};
        List<IndexRoot.Shard> shards = base.shards();
        if (shards.isEmpty()) {
            if (pairs.size() > 0) {
                ShardWriter writer = new ShardWriter(gzipLevel, ShardWriter.linesPerPiece(pairs.size(),
                        maxShardEntries, targetShardEntries), "");
                merged.added = ProcessedIndexMerge.merge(null, pairs, writer).added();
                merged.shards.addAll(putPieces(writer.finish(), generation, tag, sequence, io));
                merged.shardsWritten = merged.shards.size();
            }
            return merged;
        }
        int[] bounds = assign(shards, pairs);
        for (int i = 0; i < shards.size(); i++) {
            IndexRoot.Shard shard = shards.get(i);
            int from = bounds[i];
            int to = bounds[i + 1];
            if (from == to) {
                merged.shards.add(shard);
                continue;
            }
            ShardWriter writer = new ShardWriter(gzipLevel, ShardWriter.linesPerPiece(shard.entries() + (to - from),
                    maxShardEntries, targetShardEntries), shard.firstKey());
            ProcessedIndexMerge.Outcome outcome;
            try (CountingInputStream in = openShard(shard, io)) {
                outcome = ProcessedIndexMerge.merge(in, pairs, from, to, writer, lower(shards, i), upper(shards, i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ProcessedIndexInvalidException e) {
                throw new ProcessedIndexInvalidException("index shard " + shardLocation(shard) + ": " + e.getMessage(), e);
            }
            merged.shardsRead++;
            io.uncompressed += outcome.uncompressedBytesRead();
            if (outcome.pairsBefore() != shard.entries()) {
                throw new ProcessedIndexInvalidException("index shard " + shardLocation(shard) + " holds "
                        + outcome.pairsBefore() + " pairs, the root says " + shard.entries());
            }
            if (outcome.added() == 0) {
                merged.shards.add(shard);
                continue;
            }
            List<IndexRoot.Shard> pieces = putPieces(writer.finish(), generation, tag, sequence, io);
            merged.shards.addAll(pieces);
            merged.replaced.add(shard);
            merged.shardsWritten += pieces.size();
            merged.added += outcome.added();
        }
        return merged;
    }

    /** bounds[i], bounds[i + 1]: the pairs that fall in shard i (the pairs are sorted, like the shards). */
    private static int[] assign(List<IndexRoot.Shard> shards, KeyEtagPairs pairs) {
        int[] bounds = new int[shards.size() + 1];
        int p = 0;
        for (int i = 1; i < shards.size(); i++) {
            byte[] first = shards.get(i).firstKey().getBytes(StandardCharsets.UTF_8);
            while (p < pairs.size() && java.util.Arrays.compareUnsigned(pairs.data(), pairs.keyOffset(p),
                    pairs.keyOffset(p) + pairs.keyLength(p), first, 0, first.length) < 0) {
                p++;
            }
            bounds[i] = p;
        }
        bounds[shards.size()] = pairs.size();
        return bounds;
    }

    private static byte[] lower(List<IndexRoot.Shard> shards, int i) {
        return i == 0 ? null : shards.get(i).firstKey().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] upper(List<IndexRoot.Shard> shards, int i) {
        return i + 1 < shards.size() ? shards.get(i + 1).firstKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    private List<IndexRoot.Shard> putPieces(List<ShardWriter.Piece> pieces, long generation, String tag, int[] sequence,
                                            Counters io) {
        List<IndexRoot.Shard> shards = new ArrayList<>(pieces.size());
        for (ShardWriter.Piece piece : pieces) {
            String name = String.format("%08d-%s-%04d.tsv.gz", generation, tag, sequence[0]++);
            putShard(name, piece, io);
            shards.add(new IndexRoot.Shard(piece.firstKey(), name, piece.entries(), piece.length()));
        }
        return shards;
    }

    /**
     * A new shard object, under a name no other writer uses (the root's next generation and 64 random bits), with
     * {@code If-None-Match: *} all the same. A 412 therefore means an earlier attempt of this very write landed (the
     * SDK resends a PUT that failed on the wire, and S3 may have stored the first one): the shard is there. A write
     * that failed on the wire after the SDK's own retries is sent again.
     */
    private void putShard(String name, ShardWriter.Piece piece, Counters io) {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(shardKey(name)).ifNoneMatch("*")
                .contentType("application/gzip").build();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(request, RequestBody.fromContentProvider(piece::open, piece.length(), "application/gzip"));
                io.written += piece.length();
                return;
            } catch (SdkClientException | UncheckedIOException e) {
                if (attempt >= SHARD_PUT_ATTEMPTS) {
                    throw e;
                }
            } catch (S3Exception e) {
                if (e.statusCode() == 412 && landed(name, piece)) {
                    io.written += piece.length();
                    return; // an attempt that failed on the wire had landed
                }
                throw e;
            }
        }
    }

    /** Whether the shard object {@code name} is this piece (same size: names are unique, this guards the assumption). */
    private boolean landed(String name, ShardWriter.Piece piece) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(shardKey(name))).contentLength() == piece.length();
        } catch (S3Exception e) {
            return false;
        }
    }

    /**
     * 64 random bits: two writers of the same generation never pick the same shard names. Drawn from a generator made
     * now, not one held since start-up, so that environments restored from one SnapStart snapshot differ
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html).
     */
    static String randomTag() {
        return HexFormat.of().toHexDigits(new java.security.SecureRandom().nextLong());
    }

    // ------------------------------------------------------------------ migration from format 1

    /** Writes the format-1 index as shards; returns the root that names them (not written yet). */
    private IndexRoot migrate(Opened legacy, Instant now, Counters io) {
        String tag = shardTags.get();
        int[] sequence = {0};
        List<IndexRoot.Shard> shards = new ArrayList<>();
        ShardWriter writer = new ShardWriter(gzipLevel, targetShardEntries, "",
                piece -> shards.addAll(putPieces(List.of(piece), 0, tag, sequence, io)));
        ProcessedIndexMerge.Outcome outcome;
        try (InputStream in = legacy.stream) {
            outcome = ProcessedIndexMerge.merge(in, new KeyEtagPairs(), writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProcessedIndexInvalidException e) {
            throw new ProcessedIndexInvalidException("format-1 index s3://" + bucket + "/" + legacyKey() + ": "
                    + e.getMessage(), e);
        }
        io.uncompressed += outcome.uncompressedBytesRead();
        writer.finish();
        LOG.info("processed index: migrating s3://" + bucket + "/" + legacyKey() + " (" + outcome.pairsBefore()
                + " pairs) to format 2 as " + shards.size() + " shard(s)");
        return new IndexRoot(0, now, outcome.pairsBefore(), shards, List.of(), List.of(),
                new IndexRoot.MigratedFrom(legacyKey(), legacy.etag, now, false));
    }

    /**
     * Replaces the format-1 object by the tombstone ({@code If-Match} the ETag it was migrated from). Returns the
     * record with {@code retired} true once that is done, or it is found done; unchanged when it could not be done
     * now (the next commit tries again).
     */
    private IndexRoot.MigratedFrom retireLegacyIndex(IndexRoot.MigratedFrom from, Counters io) {
        byte[] tombstone = gzip(LEGACY_TOMBSTONE);
        IndexRoot.MigratedFrom done = new IndexRoot.MigratedFrom(from.key(), from.etag(), from.migratedAt(), true);
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(from.key()).ifMatch(from.etag())
                    .contentType("application/gzip").build(), RequestBody.fromBytes(tombstone));
            io.written += tombstone.length;
            return done;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return done;
            }
            if (e.statusCode() == 412) {
                if (isTombstone(from.key())) {
                    return done;
                }
                LOG.error("the format-1 index s3://" + bucket + "/" + from.key() + " changed after it was migrated to"
                        + " format 2 (an older pipeline version committed to it?): what it committed since is not in"
                        + " format 2, so those objects will be processed again; the object is left as it is");
                return done;
            }
            LOG.warn("could not replace the format-1 index s3://" + bucket + "/" + from.key() + " by its tombstone ("
                    + e.getMessage() + "); the next commit tries again");
            return from;
        } catch (SdkClientException | UncheckedIOException e) {
            LOG.warn("could not replace the format-1 index by its tombstone (" + e.getMessage()
                    + "); the next commit tries again");
            return from;
        }
    }

    private boolean isTombstone(String key) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return startsWithTombstone(in);
        } catch (IOException | S3Exception e) {
            return false;
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ garbage

    private static List<IndexRoot.Retired> expiredRetired(IndexRoot root, Instant now) {
        return root.retired().stream().filter(r -> !r.retiredAt().plus(IndexRoot.RETIRED_GRACE).isAfter(now)).toList();
    }

    /**
     * Deletes the shard objects that were retired more than {@link IndexRoot#RETIRED_GRACE} ago, and those that no
     * root ever named (written by a commit that lost its race or was interrupted) once they are that old. Best
     * effort: garbage left now is found by a later commit.
     */
    private void collectGarbage(IndexRoot root, List<IndexRoot.Retired> expired, Instant now) {
        Set<String> named = new HashSet<>();
        root.shards().forEach(s -> named.add(s.name()));
        root.retired().forEach(r -> named.add(r.name()));
        int deleted = 0;
        try {
            for (IndexRoot.Retired r : expired) {
                if (!named.contains(r.name())) {
                    s3.deleteObject(b -> b.bucket(bucket).key(shardKey(r.name())));
                    deleted++;
                }
            }
            String folder = pipelinePrefix + IndexRoot.SHARDS_FOLDER;
            String token = null;
            do {
                String page = token;
                ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(bucket).prefix(folder).continuationToken(page));
                for (S3Object o : listing.contents()) {
                    String name = o.key().substring(folder.length());
                    boolean expiredNow = expired.stream().anyMatch(r -> r.name().equals(name));
                    if (!named.contains(name) && !expiredNow && o.lastModified() != null
                            && o.lastModified().plus(IndexRoot.RETIRED_GRACE).isBefore(now)) {
                        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
                        deleted++;
                    }
                }
                token = Boolean.TRUE.equals(listing.isTruncated()) ? listing.nextContinuationToken() : null;
            } while (token != null);
        } catch (S3Exception | SdkClientException e) {
            LOG.warn("processed index: removing unused shard objects failed (" + e.getMessage() + "); a later commit"
                    + " tries again");
        }
        if (deleted > 0) {
            LOG.info("processed index: removed " + deleted + " shard object(s) no root names any more");
        }
    }

    // ------------------------------------------------------------------ reading

    private record RootRead(IndexRoot root, String etag) {
    }

    private record Opened(InputStream stream, String etag) {
    }

    private RootRead readRoot(Counters io) {
        CountingInputStream in = open(rootKey(), io);
        if (in == null) {
            return null;
        }
        try (in) {
            return new RootRead(IndexRootFormat.read(in, rootLocation().uri()), in.etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format-1 index, or null; a tombstone without a root is an error a person must look at. */
    private Opened openLegacy(Counters io) {
        CountingInputStream in = open(legacyKey(), io);
        if (in == null) {
            return null;
        }
        if (in.length == null || in.length > TOMBSTONE_MAX_BYTES) {
            return new Opened(in, in.etag);
        }
        byte[] small; // a small object may be the tombstone: look before anything reads it as an index
        try (in) {
            small = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (startsWithTombstone(new java.io.ByteArrayInputStream(small))) {
            throw new ProcessedIndexInvalidException("s3://" + bucket + "/" + legacyKey() + " says the index moved to"
                    + " format 2, but " + rootLocation() + " does not exist: restore the root from the bucket's object"
                    + " versions; nothing was written");
        }
        return new Opened(new java.io.ByteArrayInputStream(small), in.etag);
    }

    private static boolean startsWithTombstone(InputStream compressed) {
        try (InputStream in = new java.util.zip.GZIPInputStream(compressed)) {
            byte[] head = in.readNBytes(LEGACY_TOMBSTONE.length());
            return new String(head, StandardCharsets.UTF_8).equals(LEGACY_TOMBSTONE);
        } catch (IOException e) {
            return false;
        }
    }

    private CountingInputStream openShard(IndexRoot.Shard shard, Counters io) {
        CountingInputStream in = open(shardKey(shard.name()), io);
        if (in == null) {
            throw new ProcessedIndexInvalidException("index shard " + shardLocation(shard) + " named by "
                    + rootLocation() + " does not exist; nothing was written");
        }
        return in;
    }

    private String shardLocation(IndexRoot.Shard shard) {
        return "s3://" + bucket + "/" + shardKey(shard.name());
    }

    private void putRoot(IndexRoot root, String etag, Counters io) {
        byte[] json = IndexRootFormat.write(root);
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(rootKey())
                .contentType("application/json");
        if (etag == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(etag);
        }
        s3.putObject(put.build(), RequestBody.fromBytes(json));
        io.written += json.length;
    }

    /** The object as a counted stream (with its ETag), or null when it does not exist. */
    private CountingInputStream open(String key, Counters io) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(
                    GetObjectRequest.builder().bucket(bucket).key(key).build(), ResponseTransformer.toInputStream());
            return new CountingInputStream(in, in.response().eTag(), in.response().contentLength(), io);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 403 && isAbsent(key, e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * S3 answers 403 instead of 404 for a missing key when the caller may not list the bucket. The function may list
     * only the index's own keys (a prefix-conditioned s3:ListBucket), which tells "absent" from "denied".
     */
    private boolean isAbsent(String key, S3Exception denied) {
        try {
            ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1));
            return listing.contents().stream().noneMatch(o -> o.key().equals(key));
        } catch (S3Exception e) {
            denied.addSuppressed(e);
            return false;
        }
    }

    /** Full jitter: uniform in [0, min(base * 2^(attempt-1), {@link #MAX_BACKOFF})]. */
    private Duration backoff(int attempt) {
        long capMillis = Math.min(backoffBase.toMillis() << Math.min(attempt - 1, MAX_BACKOFF_DOUBLINGS),
                MAX_BACKOFF.toMillis());
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

    /** Bytes moved by one commit. */
    private static final class Counters {
        long read;
        long uncompressed;
        long written;
    }

    /** Counts the compressed bytes read and carries the ETag they belong to. */
    private static final class CountingInputStream extends FilterInputStream {
        final String etag;
        final Long length;
        private final Counters io;

        CountingInputStream(InputStream in, String etag, Long length, Counters io) {
            super(in);
            this.etag = etag;
            this.length = length;
            this.io = io;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                io.read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                io.read += n;
            }
            return n;
        }
    }
}
