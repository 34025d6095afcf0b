package emrpipeline.sizing;

/** The data bucket does not exist (S3 answered {@code NoSuchBucket}). Nothing was written. */
public class DataBucketNotFoundException extends RuntimeException {
    public DataBucketNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
