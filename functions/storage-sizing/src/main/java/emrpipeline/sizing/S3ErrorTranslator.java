package emrpipeline.sizing;

import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the two S3 errors a person must act on into the function's own exceptions, with what was being done
 * and what to fix: {@code NoSuchBucket} into {@link DataBucketNotFoundException}, {@code AccessDenied} into
 * {@link DataAccessDeniedException}. Every other S3 error is returned unchanged (throttling and 5xx have
 * already been retried by the SDK; the state machine's Retry may try again).
 */
final class S3ErrorTranslator {
    private S3ErrorTranslator() {
    }

    /**
     * @param operation  the S3 API call, e.g. {@code ListObjectsV2}
     * @param target     what it was called on, e.g. {@code prefix 'raw/'} or {@code key 'x/index/processed.tsv.gz'}
     * @param permission the IAM action and resource the call needs
     */
    static RuntimeException translate(S3Exception e, String bucket, String operation, String target,
                                      String permission) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return new DataBucketNotFoundException("data bucket '" + bucket + "' does not exist (S3 answered"
                    + " NoSuchBucket to " + operation + " on " + target + "); check the input's 'bucket' or the"
                    + " DataBucketName parameter (DATA_BUCKET)", e);
        }
        if ("AccessDenied".equals(code) || code == null && e.statusCode() == 403) {
            return new DataAccessDeniedException("access denied to " + operation + " on bucket '" + bucket + "' "
                    + target + ": the function's role needs " + permission + " (and, for SSE-KMS objects, kms:Decrypt"
                    + " / kms:GenerateDataKey on the key); S3 said: " + (e.awsErrorDetails() == null
                    || e.awsErrorDetails().errorMessage() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()),
                    e);
        }
        return e;
    }
}
