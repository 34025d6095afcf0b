package emrpipeline.sizing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Placeholder wiring so the foundation builds; the sizing logic is issue #2's function work. */
public class StorageSizingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final LambdaLogger LOG = LambdaRuntime.getLogger();
    private final S3Client s3;

    public StorageSizingHandler() {
        this(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build());
    }

    public StorageSizingHandler(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        LOG.log("listing buckets to prove wiring", LogLevel.INFO);
        return Map.of("buckets", s3.listBuckets().buckets().size());
    }
}
