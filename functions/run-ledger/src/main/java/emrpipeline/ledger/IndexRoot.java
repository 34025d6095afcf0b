package emrpipeline.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The processed index's root object, format 2 ({@code <pipelinePrefix>index/v2/root.json}; docs/data-formats.md):
 * the list of shards (each the sorted pairs of one key range, an immutable object), the shards replaced recently
 * (kept until no reader can still be reading them), and per raw prefix the listing state the sizing uses to list
 * only what can be new. Every commit writes a new root conditionally ({@link ProcessedIndexStore}); it is the one
 * object whose write makes a commit happen. JSON form: {@link IndexRootFormat}.
 *
 * @param generation   commits so far (0 for an empty index); each root names its new shards after it
 * @param updatedAt    when this root was written (the ledger's clock)
 * @param entries      (key, ETag) pairs in all shards
 * @param shards       by key range, ascending: shard {@code i} holds the keys from its {@code firstKey} (the first
 *                     shard's is {@code ""}) up to, not including, the next shard's
 * @param retired      shards replaced by a commit, deleted once {@link #RETIRED_GRACE} has passed
 * @param listings     listing state per raw prefix
 * @param migratedFrom the format-1 object this index was built from; null for an index born in format 2
 */
public record IndexRoot(long generation, Instant updatedAt, long entries, List<Shard> shards, List<Retired> retired,
                        List<ListingState> listings, MigratedFrom migratedFrom) {

    public static final int FORMAT_VERSION = 2;
    /** Under the pipeline prefix. */
    public static final String ROOT_KEY = "index/v2/root.json";
    /** Under the pipeline prefix; shard names are relative to it. */
    public static final String SHARDS_FOLDER = "index/v2/shards/";
    /** Under the pipeline prefix: the format-1 index, migrated on first use. */
    public static final String LEGACY_KEY = "index/processed.tsv.gz";
    /** A commit splits a shard that would hold more than this many pairs ... */
    public static final int MAX_SHARD_ENTRIES = 200_000;
    /** ... into pieces of about this many. */
    public static final int TARGET_SHARD_ENTRIES = 100_000;
    /**
     * How long a replaced or never-referenced shard object is kept: longer than any reader can take between reading a
     * root and reading the shards it names (a Lambda invocation lasts at most 15 minutes).
     */
    public static final Duration RETIRED_GRACE = Duration.ofHours(1);
    /** Partitions remembered below the watermark: the largest look-back. */
    public static final int PREVIOUS_PARTITIONS = 31;

    public IndexRoot {
        shards = List.copyOf(shards);
        retired = List.copyOf(retired);
        listings = List.copyOf(listings);
    }

    /** One shard object {@code <pipelinePrefix>index/v2/shards/<name>}: gzip lines {@code escapedKey TAB etag LF}. */
    public record Shard(String firstKey, String name, long entries, long bytes) {
    }

    /** A shard object no longer named by the root since {@code retiredAt}. */
    public record Retired(String name, Instant retiredAt) {
    }

    /**
     * Where the committed runs of one raw prefix left off (see the sizing's ListingPlan).
     *
     * @param watermark          the greatest partition path of a committed key, or null
     * @param previousPartitions the committed partition paths just below it, ascending, at most {@link #PREVIOUS_PARTITIONS}
     * @param lastFullListingAt  when the last committed full listing of the prefix listed it, or null
     */
    public record ListingState(String rawPrefix, String watermark, List<String> previousPartitions,
                               Instant lastFullListingAt) {
        public ListingState {
            previousPartitions = List.copyOf(previousPartitions);
        }

        /** This state after committing keys in {@code partitions}, from a full listing at {@code fullListingAt} (or null). */
        ListingState after(Collection<String> partitions, Instant fullListingAt) {
            TreeSet<String> all = new TreeSet<>(KeyOrder::compare);
            all.addAll(previousPartitions);
            if (watermark != null) {
                all.add(watermark);
            }
            all.addAll(partitions);
            String newWatermark = all.isEmpty() ? null : all.pollLast();
            List<String> previous = new ArrayList<>(all.descendingSet().stream().limit(PREVIOUS_PARTITIONS).toList());
            java.util.Collections.reverse(previous);
            Instant lastFull = lastFullListingAt;
            if (fullListingAt != null && (lastFull == null || fullListingAt.isAfter(lastFull))) {
                lastFull = fullListingAt;
            }
            return new ListingState(rawPrefix, newWatermark, previous, lastFull);
        }
    }

    /**
     * The format-1 object this index was migrated from.
     *
     * @param etag    its ETag when it was read
     * @param retired true once it has been replaced by the tombstone that stops older pipeline versions
     */
    public record MigratedFrom(String key, String etag, Instant migratedAt, boolean retired) {
    }

    /** The index of a pipeline that has committed nothing. */
    public static IndexRoot empty() {
        return new IndexRoot(0, null, 0, List.of(), List.of(), List.of(), null);
    }

    /** The listing state of {@code rawPrefix}, or a fresh one. */
    public ListingState listing(String rawPrefix) {
        for (ListingState l : listings) {
            if (l.rawPrefix().equals(rawPrefix)) {
                return l;
            }
        }
        return new ListingState(rawPrefix, null, List.of(), null);
    }

    /** The listings with {@code state} in place of its prefix's (added, sorted by prefix, when new). */
    public List<ListingState> withListing(ListingState state) {
        List<ListingState> out = new ArrayList<>();
        boolean replaced = false;
        for (ListingState l : listings) {
            if (l.rawPrefix().equals(state.rawPrefix())) {
                out.add(state);
                replaced = true;
            } else {
                out.add(l);
            }
        }
        if (!replaced) {
            out.add(state);
            out.sort((a, b) -> KeyOrder.compare(a.rawPrefix(), b.rawPrefix()));
        }
        return out;
    }
}
