package emrpipeline.sizing;

/**
 * A manifest already exists for the run id but describes another bucket or raw prefix than the request:
 * reusing it would hand the Spark job data the caller did not ask for, rewriting it would break its
 * immutability. Choose a new run id. Nothing was written.
 */
public class ManifestConflictException extends RuntimeException {
    public ManifestConflictException(String message) {
        super(message);
    }
}
