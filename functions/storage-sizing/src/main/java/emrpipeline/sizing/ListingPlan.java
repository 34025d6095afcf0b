package emrpipeline.sizing;

import java.time.Duration;
import java.time.Instant;

/**
 * What a run lists: the whole raw prefix (a <em>full</em> listing, which also reconciles: whatever the index
 * lacks anywhere is found) or only the keys from the watermark's partition on, minus a look-back (an
 * <em>incremental</em> listing). What is new is decided the same way in both, by key + ETag against the index;
 * the plan only decides where listing starts. See docs/incremental-listing.md.
 *
 * <p>Incremental needs a watermark: the greatest {@code key=value/} partition of a committed key (kept in the
 * index root by the ledger's commit). It lists every key after {@code rawPrefix + partition} without its final
 * {@code /}, so the partition itself and everything after it in key order; with {@code lookBackPartitions} n it
 * starts n committed partitions earlier. Full instead: on request, when the index has no watermark for the prefix,
 * when the look-back reaches past the partitions the index remembers, and when the last committed full listing is
 * {@code fullReconciliationDays} old or more (0: every run).
 *
 * @param mode            {@code full} or {@code incremental}
 * @param startAfter      the key listing starts after; null for a full listing
 * @param reason          why, in words, for the result and the log
 * @param incrementalFrom for a full listing of a prefix that has a watermark: where an incremental listing would have
 *                        started (new objects at or before it are counted: what only a full listing finds); else null
 */
public record ListingPlan(String mode, String startAfter, String reason, String incrementalFrom) {
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";

    public boolean full() {
        return FULL.equals(mode);
    }

    /**
     * @param state        the index's listing state of the raw prefix; null when there is none (no index, format 1,
     *                     or nothing of this prefix committed yet)
     * @param indexFormat  0 when there is no index, else its format version
     */
    public static ListingPlan decide(SizingJob job, IndexRoot.ListingState state, int indexFormat, Instant now) {
        String incrementalFrom = null;
        String lookBackProblem = null;
        if (state != null && state.watermark() != null) {
            int n = job.lookBackPartitions();
            if (n <= state.previousPartitions().size()) {
                String partition = n == 0 ? state.watermark()
                        : state.previousPartitions().get(state.previousPartitions().size() - n);
                incrementalFrom = job.rawPrefix() + partition.substring(0, partition.length() - 1);
            } else {
                lookBackProblem = "the look-back of " + n + " partitions reaches past the " + (state.previousPartitions().size() + 1)
                        + " partitions the index remembers below and at the watermark " + state.watermark();
            }
        }
        if (job.fullReconciliationRequested()) {
            return full("requested (fullReconciliation: true)", incrementalFrom);
        }
        if (indexFormat == 0) {
            return full("no processed index yet (first run)", null);
        }
        if (indexFormat == 1) {
            return full("the processed index is still in format 1, which keeps no watermark (the next commit migrates it)", null);
        }
        if (state == null || state.watermark() == null) {
            return full("no watermark for raw prefix '" + job.rawPrefix() + "': no committed key of it lies in a"
                    + " key=value/ partition", null);
        }
        if (lookBackProblem != null) {
            return full(lookBackProblem, null);
        }
        if (job.fullReconciliationDays() == 0) {
            return full("fullReconciliationDays is 0: every run lists everything", incrementalFrom);
        }
        if (state.lastFullListingAt() == null) {
            return full("no full listing of raw prefix '" + job.rawPrefix() + "' has been committed yet", incrementalFrom);
        }
        Duration since = Duration.between(state.lastFullListingAt(), now);
        if (since.compareTo(Duration.ofDays(job.fullReconciliationDays())) >= 0) {
            return full("periodic reconciliation: the last committed full listing was at " + state.lastFullListingAt()
                    + ", " + since.toDays() + " days ago (fullReconciliationDays " + job.fullReconciliationDays() + ")",
                    incrementalFrom);
        }
        return new ListingPlan(INCREMENTAL, incrementalFrom, "watermark " + state.watermark() + ", look-back "
                + job.lookBackPartitions() + " partition(s): listing after '" + incrementalFrom + "'; next full"
                + " reconciliation after " + state.lastFullListingAt().plus(Duration.ofDays(job.fullReconciliationDays())),
                null);
    }

    private static ListingPlan full(String reason, String incrementalFrom) {
        return new ListingPlan(FULL, null, reason, incrementalFrom);
    }

    /** The listing's key range. */
    public KeyRange range() {
        return new KeyRange(startAfter, null);
    }
}
