package emrpipeline.sizing;

/**
 * A manifest's header fields (its objects summarized by count, total bytes and SHA-256). The run ledger's Manifest
 * holds the same fields for its own reading (the functions are built alone; docs/data-formats.md is the contract).
 */
public record ManifestSummary(
        int formatVersion,
        String runId,
        String bucket,
        String rawPrefix,
        String createdAt,
        long objectCount,
        long totalBytes,
        String sha256) {
}
