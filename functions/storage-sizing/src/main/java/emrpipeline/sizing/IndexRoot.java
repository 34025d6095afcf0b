package emrpipeline.sizing;

import java.time.Instant;
import java.util.List;

/**
 * What the sizing reads of the processed index's root object ({@code <pipelinePrefix>index/v2/root.json}, format 2,
 * docs/data-formats.md): the shards, each the sorted (key, ETag) pairs of one key range, and per raw prefix the
 * listing state the ledger keeps with every commit. Parsed and checked by {@link IndexRootReader}.
 *
 * @param generation the commit count that wrote it
 * @param entries    (key, ETag) pairs in all shards
 * @param shards     by key range: shard {@code i} holds the keys from its {@code firstKey} (the first shard's is
 *                   {@code ""}) up to, not including, the next shard's
 * @param listings   one per raw prefix that has had a manifest committed
 */
public record IndexRoot(long generation, long entries, List<Shard> shards, List<ListingState> listings) {

    public static final int FORMAT_VERSION = 2;
    /** Under the pipeline prefix. */
    public static final String ROOT_KEY = "index/v2/root.json";
    /** Under the pipeline prefix; shard names are relative to it. */
    public static final String SHARDS_FOLDER = "index/v2/shards/";

    /** One shard object: {@code <pipelinePrefix>index/v2/shards/<name>}, gzip lines {@code escapedKey TAB etag LF}. */
    public record Shard(String firstKey, String name, long entries) {
    }

    /**
     * Where the last committed runs of one raw prefix left off.
     *
     * @param watermark          the greatest {@code key=value/} partition path (relative to the raw prefix, in S3's
     *                           key order) of any committed key; null when no committed key lies in a partition
     * @param previousPartitions the committed partition paths just below the watermark, ascending (at most 31)
     * @param lastFullListingAt  when the last committed run that listed the whole prefix listed it; null: never
     */
    public record ListingState(String rawPrefix, String watermark, List<String> previousPartitions,
                               Instant lastFullListingAt) {
    }

    /** The listing state of {@code rawPrefix}, or null. */
    public ListingState listing(String rawPrefix) {
        for (ListingState l : listings) {
            if (l.rawPrefix().equals(rawPrefix)) {
                return l;
            }
        }
        return null;
    }

    /**
     * Indexes of the shards that can hold keys of {@code range} under {@code prefix}: shard {@code i} covers
     * {@code [firstKey(i), firstKey(i + 1))}.
     */
    public List<Integer> shardsFor(String prefix, KeyRange range) {
        String prefixEnd = prefixEnd(prefix);
        List<Integer> selected = new java.util.ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            String from = shards.get(i).firstKey();
            String to = i + 1 < shards.size() ? shards.get(i + 1).firstKey() : null; // exclusive
            boolean startsBeforePrefixEnd = prefixEnd == null || KeyOrder.compare(from, prefixEnd) < 0;
            boolean endsAfterPrefix = to == null || KeyOrder.compare(to, prefix) > 0;
            boolean endsAfterStart = to == null || range.startAfter() == null
                    || KeyOrder.compare(to, range.startAfter()) > 0;
            if (startsBeforePrefixEnd && endsAfterPrefix && endsAfterStart) {
                selected.add(i);
            }
        }
        return selected;
    }

    /** The first string after every key that starts with {@code prefix}; null for the empty prefix. */
    static String prefixEnd(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }
}
