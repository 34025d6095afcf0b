package emrpipeline.ledger;

/** An S3 object: bucket and key; {@code s3://bucket/key} in requests and records. */
public record S3Location(String bucket, String key) {

    /** Parses {@code s3://bucket/key}; null when the text is not of that form. */
    static S3Location parseOrNull(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            return null;
        }
        int slash = uri.indexOf('/', 5);
        if (slash <= 5 || slash == uri.length() - 1) {
            return null;
        }
        return new S3Location(uri.substring(5, slash), uri.substring(slash + 1));
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
