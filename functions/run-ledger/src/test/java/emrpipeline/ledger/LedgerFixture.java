package emrpipeline.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One test's ledger: its own table and bucket on the class's LocalAws, a movable clock, request builders. */
final class LedgerFixture {
    static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    final LocalAws aws;
    final String table;
    final String bucket;
    final TestData.MutableClock clock;
    final LedgerSettings settings;
    final LocalAws.CountingDynamo dynamo;
    final RunLedgerHandler handler;

    LedgerFixture(LocalAws aws) {
        this(aws, aws.createBucket(), null);
    }

    /** A second ledger on the same table and bucket with its own S3 client (e.g. a faulty one). */
    LedgerFixture(LedgerFixture other, software.amazon.awssdk.services.s3.S3Client s3) {
        this.aws = other.aws;
        this.table = other.table;
        this.bucket = other.bucket;
        this.settings = other.settings;
        this.dynamo = other.dynamo;
        this.clock = other.clock;
        this.handler = new RunLedgerHandler(dynamo.client, s3, settings, clock, d -> { });
    }

    private LedgerFixture(LocalAws aws, String bucket, Object unused) {
        this.aws = aws;
        this.table = aws.createLedgerTable();
        this.bucket = bucket;
        this.settings = aws.settings(table, bucket);
        this.dynamo = new LocalAws.CountingDynamo(aws.dynamo);
        this.clock = new TestData.MutableClock(T0);
        this.handler = new RunLedgerHandler(dynamo.client, aws.s3, settings, clock, d -> { });
    }

    LedgerResult call(LedgerRequest request) {
        return handler.handleRequest(request, null);
    }

    /** A request of {@code action} for the run's attempt by {@code execution}; callers add the action's own fields. */
    static LedgerRequest request(String action, String runId, String execution) {
        LedgerRequest r = new LedgerRequest();
        r.setAction(action);
        r.setRunId(runId);
        r.setExecutionArn(TestData.arn(execution));
        return r;
    }

    static LedgerRequest begin(String runId, String execution) {
        LedgerRequest r = request("begin", runId, execution);
        r.setExecutionName(execution);
        r.setTrigger("schedule");
        r.setInput(Map.of("trigger", "schedule", "runId", runId));
        return r;
    }

    static LedgerRequest recordCluster(String runId, String execution, String clusterId) {
        LedgerRequest r = request("recordCluster", runId, execution);
        r.setClusterId(clusterId);
        return r;
    }

    static LedgerRequest finish(String runId, String execution, String status) {
        LedgerRequest r = request("finish", runId, execution);
        r.setStatus(status);
        return r;
    }

    static LedgerRequest release(String runId, String execution) {
        return request("release", runId, execution);
    }

    static LedgerRequest commit(String runId, String manifestUri) {
        LedgerRequest r = new LedgerRequest();
        r.setAction("commit");
        r.setRunId(runId);
        r.setManifestUri(manifestUri);
        return r;
    }

    Map<String, AttributeValue> attempt(String runId, String execution) {
        Map<String, AttributeValue> item = aws.dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(LedgerTable.attemptKey(runId, TestData.arn(execution)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    Map<String, AttributeValue> lease() {
        Map<String, AttributeValue> item = aws.dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(LedgerTable.leaseKey())).item();
        return item == null || item.isEmpty() ? null : item;
    }

    List<Map<String, AttributeValue>> items() {
        return aws.scan(table);
    }

    String status(String runId, String execution) {
        return attempt(runId, execution).get(LedgerTable.RUN_STATUS).s();
    }
}
