package emrpipeline.sizing;

/**
 * One of the pipeline's own objects (the processed index or an existing manifest) cannot be read as the
 * documented format, or a manifest's totals or SHA-256 do not match its objects. Nothing was written:
 * sizing refuses to guess which raw data is new from a damaged index.
 */
public class CorruptPipelineObjectException extends RuntimeException {
    public CorruptPipelineObjectException(String message) {
        super(message);
    }

    public CorruptPipelineObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
