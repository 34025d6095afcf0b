package emrpipeline.local.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The fakes' service errors, built as the SDK builds them from an error response. */
final class AwsErrors {
    private AwsErrors() {
    }

    /**
     * The exception {@code builder} makes, with the response's HTTP status, the service's error code and message.
     * Callers cast to the type of {@code builder}: {@code throw (XxxException) AwsErrors.error(XxxException.builder(), ...)}.
     */
    static AwsServiceException error(AwsServiceException.Builder builder, int status, String service, String code,
                                     String message) {
        return builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName(service).errorMessage(message).build())
                .message(message)
                .build();
    }
}
