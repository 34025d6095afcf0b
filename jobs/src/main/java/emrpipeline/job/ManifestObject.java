package emrpipeline.job;

/** One object of a run's manifest: the raw object's key, its ETag (without quotes) and its size in bytes. */
public record ManifestObject(String key, String etag, long size) {
}
