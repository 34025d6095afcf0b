package emrpipeline.local.lambda;

import emrpipeline.local.aws.LocalDynamoDb;
import emrpipeline.local.aws.LocalS3;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What the functions are given offline in place of AWS: S3 (S3Proxy), DynamoDB (DynamoDB Local), CloudWatch, EMR,
 * Secrets Manager, SNS and Step Functions (in memory), Lambda (the local functions, in-process), and the clock (the
 * execution's virtual time during a run).
 */
public record FunctionServices(LocalS3 s3, LocalDynamoDb dynamoDb, CloudWatchClient cloudWatch, EmrClient emr,
                               SecretsManagerClient secretsManager, Clock clock, SnsClient sns, SfnClient stepFunctions,
                               LambdaClient lambda) {

    /**
     * The variables that point a function's SDK clients at the local services with an endpoint (S3Proxy:
     * {@code AWS_ENDPOINT_URL_S3}); the others are in-process objects handed to the handlers directly.
     */
    public Map<String, String> endpointVariables() {
        return s3 == null ? Map.of() : s3.endpointVariables();
    }

    /** The services of the four pipeline functions (no SNS, Step Functions or Lambda clients: they use none). */
    public FunctionServices(LocalS3 s3, LocalDynamoDb dynamoDb, CloudWatchClient cloudWatch, EmrClient emr,
                            SecretsManagerClient secretsManager, Clock clock) {
        this(s3, dynamoDb, cloudWatch, emr, secretsManager, clock, null, null, null);
    }
}
