package emrpipeline.local.lambda;

import emrpipeline.local.aws.LocalDynamoDb;
import emrpipeline.local.aws.LocalS3;
import java.time.Clock;
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

    /** The services of the four pipeline functions (no SNS, Step Functions or Lambda clients: they use none). */
    public FunctionServices(LocalS3 s3, LocalDynamoDb dynamoDb, CloudWatchClient cloudWatch, EmrClient emr,
                            SecretsManagerClient secretsManager, Clock clock) {
        this(s3, dynamoDb, cloudWatch, emr, secretsManager, clock, null, null, null);
    }
}
