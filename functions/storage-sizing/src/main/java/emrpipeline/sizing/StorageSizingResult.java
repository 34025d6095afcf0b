package emrpipeline.sizing;

import java.math.BigDecimal;

/**
 * Output of {@link StorageSizingHandler}: the figure the state machine passes to EMR ({@code ebsGib}), what it
 * was computed from, and where the run's manifest is. Null fields are left out of the JSON: {@code manifestUri},
 * {@code manifestSha256} and {@code manifestCreatedAt} when nothing is new; the listing and index figures
 * when the run id's manifest already existed (nothing was listed).
 *
 * @param runId                   the run id
 * @param bucket                  the data bucket
 * @param rawPrefix               the raw prefix listed
 * @param pipelinePrefix          the pipeline's own prefix (manifests, index)
 * @param newObjectCount          objects in the manifest (new since the processed index)
 * @param newBytes                their total size
 * @param manifestUri             {@code s3://bucket/<pipelinePrefix>manifests/<runId>.json}; null when nothing is new
 * @param manifestSha256          the manifest's {@code sha256}; null when nothing is new
 * @param manifestCreatedAt       the manifest's {@code createdAt}; null when nothing is new
 * @param ebsGib                  GiB of each EBS volume of each core node, whole, in [minGib, maxGib]
 * @param replicationFactor       HDFS replication used by the formula
 * @param coreNodeCount           formula input
 * @param volumesPerInstance      formula input
 * @param expansionFactor         formula input
 * @param headroomGib             formula input
 * @param minGib                  formula input
 * @param maxGib                  formula input
 * @param reusedManifest          true when the run id's manifest already existed and was returned as is
 * @param dataGibPerVolume        newBytes * expansionFactor * replicationFactor / (coreNodeCount * volumesPerInstance) / 2^30, rounded up to 3 decimals
 * @param unclampedGib            ceil(dataGibPerVolume + headroomGib) before clamping
 * @param ebsGibFormula           the formula with the numbers filled in
 * @param listingMode             {@code full} (the whole raw prefix) or {@code incremental} (from the watermark's
 *                                partition, minus the look-back, on); null when reused
 * @param listingReason           why that mode, in words; null when reused
 * @param listingStartAfter       the key an incremental listing started after; null for a full listing or when reused
 * @param missedByIncrementalListing for a full listing of a prefix that has a watermark: new objects at or before
 *                                where an incremental listing would have started (late files, or partitions that do not
 *                                sort in time order); null otherwise
 * @param listedObjects           raw objects listed (folder markers and pipeline objects excluded); null when reused
 * @param alreadyProcessedObjects listed objects the processed index holds; null when reused
 * @param skippedFolderMarkers    folder markers skipped; null when reused
 * @param listedRanges            key ranges listed in parallel (1: one sequential listing); null when reused
 * @param indexFormatVersion      format of the processed index found (0: none yet, 1: single object, 2: root and
 *                                shards); null when reused
 * @param processedIndexEntries   (key, ETag) pairs in the whole processed index; null when reused
 * @param indexShardsRead         index objects read (the shards the listing's range needs); null when reused
 * @param indexEntriesRead        pairs read from them; null when reused
 * @param listCalls               ListObjectsV2 calls made, existence checks of the manifest and index included
 * @param elapsedMillis           wall time of the sizing
 */
public record StorageSizingResult(
        String runId,
        String bucket,
        String rawPrefix,
        String pipelinePrefix,
        long newObjectCount,
        long newBytes,
        String manifestUri,
        String manifestSha256,
        String manifestCreatedAt,
        int ebsGib,
        int replicationFactor,
        int coreNodeCount,
        int volumesPerInstance,
        BigDecimal expansionFactor,
        BigDecimal headroomGib,
        int minGib,
        int maxGib,
        boolean reusedManifest,
        BigDecimal dataGibPerVolume,
        long unclampedGib,
        String ebsGibFormula,
        String listingMode,
        String listingReason,
        String listingStartAfter,
        Long missedByIncrementalListing,
        Long listedObjects,
        Long alreadyProcessedObjects,
        Long skippedFolderMarkers,
        Integer listedRanges,
        Integer indexFormatVersion,
        Long processedIndexEntries,
        Integer indexShardsRead,
        Long indexEntriesRead,
        int listCalls,
        long elapsedMillis) {
}
