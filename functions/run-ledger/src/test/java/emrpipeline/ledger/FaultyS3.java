package emrpipeline.ledger;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An S3Client that runs a hook before each request it forwards to the real (S3Proxy) client. */
final class FaultyS3 {

    /** Called before a request is sent; may throw to fail it, or do something else first. */
    @FunctionalInterface
    interface Hook {
        void before(String operation, SdkRequest request) throws Exception;
    }

    private FaultyS3() {
    }

    static S3Client wrap(S3Client delegate, Hook hook) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length > 0 && args[0] instanceof SdkRequest request) {
                hook.before(method.getName(), request);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, handler);
    }

    static S3Exception status(int code, String errorCode) {
        return (S3Exception) S3Exception.builder().statusCode(code)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode(errorCode).build())
                .message(errorCode).build();
    }
}
