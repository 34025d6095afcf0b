package emrpipeline.bench.coldstart;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import emrpipeline.ledger.ClientEnvironment;
import emrpipeline.ledger.LedgerClients;

/**
 * RunLedgerFunction's {@code begin}: a GetItem of the lease, then one TransactWriteItems (lease + the attempt's
 * record) against DynamoDB Local as a loopback server; the lease is removed before every invocation so each run
 * takes it afresh. boto3 makes the same two calls.
 */
final class RunLedgerColdStart implements ColdStart.Subject, AutoCloseable {
    private static final String TABLE = "run-ledger";
    private final DynamoDBProxyServer server;
    private final String endpoint;
    private final DynamoDbClient dynamo;

    RunLedgerColdStart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        endpoint = "http://127.0.0.1:" + port;
        dynamo = LedgerClients.dynamoDb(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_DYNAMODB", endpoint))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("coldstart", "coldstart"))));
        // DynamoDB Local 2.x accepts access key ids of letters and digits only.
        dynamo.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    @Override
    public void beforeEachInvocation() {
        dynamo.deleteItem(d -> d.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("LEASE"), "sk", AttributeValue.fromS("LEASE"))));
    }

    @Override
    public String logicalId() {
        return "RunLedgerFunction";
    }

    @Override
    public String handler() {
        return "emrpipeline.ledger.RunLedgerHandler::handleRequest";
    }

    @Override
    public String event(int run) {
        return "{\"action\":\"begin\",\"runId\":\"java-" + run + "\",\"executionArn\":"
                + "\"arn:aws:states:us-east-1:123456789012:execution:emr-pipeline-pipeline:java-" + run + "\","
                + "\"executionName\":\"java-" + run + "\",\"trigger\":\"schedule\",\"input\":{\"trigger\":\"schedule\"}}";
    }

    @Override
    public Map<String, String> functionEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
        environment.put("AWS_ACCESS_KEY_ID", "coldstart");
        environment.put("AWS_SECRET_ACCESS_KEY", "coldstart");
        environment.put("LEDGER_TABLE", TABLE);
        environment.put("DATA_BUCKET", "cold-start-data");
        environment.put("PIPELINE_PREFIX", "emr-pipeline/");
        environment.put("MAX_RUN_MINUTES", "720");
        environment.put("LEASE_MARGIN_MINUTES", "30");
        environment.put("PRICE_TABLE_JSON", "{\"m6i.xlarge\":{\"ec2\":0.192,\"emr\":0.048}}");
        environment.put("SPOT_PRICE_FACTOR", "0.4");
        environment.put("EBS_GP3_USD_PER_GIB_MONTH", "0.08");
        return environment;
    }

    @Override
    public String pythonScript() {
        return String.join("\n",
                "import boto3, datetime, json, os, time",
                "db = boto3.client('dynamodb')",
                "table, run = os.environ['TABLE'], os.environ['RUN_ID']",
                "arn = 'arn:aws:states:us-east-1:123456789012:execution:emr-pipeline-pipeline:' + run",
                "lease = db.get_item(TableName=table, Key={'pk': {'S': 'LEASE'}, 'sk': {'S': 'LEASE'}}, ConsistentRead=True)",
                "now = datetime.datetime.now(datetime.timezone.utc)",
                "expires = now + datetime.timedelta(minutes=750)",
                "db.transact_write_items(TransactItems=[",
                "    {'Put': {'TableName': table, 'ConditionExpression': 'attribute_not_exists(pk)', 'Item': {",
                "        'pk': {'S': 'LEASE'}, 'sk': {'S': 'LEASE'}, 'recordType': {'S': 'LEASE'}, 'leaseOwner': {'S': arn},",
                "        'runId': {'S': run}, 'leaseExpiresAt': {'S': expires.isoformat()},",
                "        'leaseExpiresAtMillis': {'N': str(int(expires.timestamp() * 1000))}, 'ttl': {'N': str(int(expires.timestamp()))}}}},",
                "    {'Put': {'TableName': table, 'ConditionExpression': 'attribute_not_exists(pk)', 'Item': {",
                "        'pk': {'S': 'RUN#' + run}, 'sk': {'S': 'EXEC#' + arn}, 'recordType': {'S': 'RUN'}, 'runId': {'S': run},",
                "        'executionArn': {'S': arn}, 'runStatus': {'S': 'STARTED'}, 'startedAt': {'S': now.isoformat()},",
                "        'trigger': {'S': 'schedule'}, 'input': {'S': json.dumps({'trigger': 'schedule'})}}}}])",
                "print('STARTED')");
    }

    @Override
    public Map<String, String> pythonEnvironment(int run) {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint, "TABLE", TABLE, "RUN_ID", "python-" + run,
                "AWS_ACCESS_KEY_ID", "coldstart", "AWS_SECRET_ACCESS_KEY", "coldstart", "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
        server.stop();
    }
}
