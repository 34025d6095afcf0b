package emrpipeline.ledger;

/**
 * A verified run manifest (see the README's "Data layout in S3"): its header and its (key, ETag) pairs in index
 * order. Only {@link ManifestReader} builds one, after checking everything it states.
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
        KeyEtagPairs pairs) {
}
