package emrpipeline.ledger;

/**
 * A verified run manifest (docs/data-formats.md): its header and its (key, ETag) pairs in index order, and how the
 * sizing listed ({@code listingMode}: {@code full}, {@code incremental}, or null when the manifest does not say).
 * Only {@link ManifestReader} builds one, after checking everything it states. (The storage sizing's ManifestSummary
 * holds the same header for its own reading: the functions are built alone.)
 */
public record Manifest(
        S3Location location,
        int formatVersion,
        String runId,
        String bucket,
        String rawPrefix,
        String createdAt,
        long objectCount,
        long totalBytes,
        String sha256,
        String listingMode,
        KeyEtagPairs pairs) {
}
