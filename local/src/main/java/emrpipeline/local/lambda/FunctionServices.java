package emrpipeline.local.lambda;

import emrpipeline.local.aws.LocalDynamoDb;
import emrpipeline.local.aws.LocalS3;
import java.time.Clock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the functions are given offline in place of AWS: S3 (S3Proxy), DynamoDB (DynamoDB Local), CloudWatch, EMR
 * and Secrets Manager (in memory), and the clock (the execution's virtual time during a run).
 */
public record FunctionServices(LocalS3 s3, LocalDynamoDb dynamoDb, CloudWatchClient cloudWatch, EmrClient emr,
                               SecretsManagerClient secretsManager, Clock clock) {
}
