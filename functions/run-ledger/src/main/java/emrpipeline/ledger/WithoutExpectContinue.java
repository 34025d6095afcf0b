package emrpipeline.ledger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Removes the {@code Expect: 100-continue} header the S3 client adds to every PutObject. The ledger's PUTs are
 * conditional, and a 412 is an expected answer: with the header, the server may refuse before the body is sent and
 * the URL-connection HTTP client then reports "Error writing request body to server" (an I/O error the SDK retries
 * blindly) instead of the 412. Without it the body is sent and the 412 arrives as a normal response. Register it on
 * the S3 client as an override-configuration interceptor (these run after the S3 module's own interceptors).
 */
public final class WithoutExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest request = context.httpRequest();
        if (request.firstMatchingHeader("Expect").isEmpty()) {
            return request;
        }
        return request.toBuilder().removeHeader("Expect").build();
    }
}
