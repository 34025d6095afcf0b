package emrpipeline.sizing;

/** A manifest's header fields (its objects summarized by count, total bytes and SHA-256). */
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
