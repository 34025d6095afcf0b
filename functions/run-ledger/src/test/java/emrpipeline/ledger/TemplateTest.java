package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * template.yaml declares what this code expects: the table's keys, GSIs and TTL attribute (the same constants
 * LocalAws creates the test table from), the handler, the environment LedgerSettings reads, a default price table
 * that parses, and the index key the IAM policy names. Runs only inside the repository (the template is outside the
 * function's folder; scripts/sam-build's scratch copy skips it).
 */
class TemplateTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> template() throws IOException {
        // Short-form intrinsics (!Ref X, !Sub ..., !GetAtt A.B) read as their plain argument: enough for these checks.
        String text = RepositoryFiles.text("template.yaml").replaceAll("!(Ref|Sub|GetAtt|If|Join|Select|Split|Equals|Not|And|Or|Condition|FindInMap|Base64|ImportValue|GetAZs|Cidr)\\b ?", "");
        return (Map<String, Object>) new Yaml(new SafeConstructor()).load(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = ((Map<String, Object>) cur).get(p);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static Map<String, String> keySchema(Object schema) {
        Map<String, String> keys = new TreeMap<>();
        list(schema).forEach(k -> keys.put((String) k.get("KeyType"), (String) k.get("AttributeName")));
        return keys;
    }

    @Test
    void theTableIsTheOneTheCodeUses() throws IOException {
        Map<String, Object> table = map(template(), "Resources", "RunLedgerTable");
        assertEquals("AWS::DynamoDB::Table", table.get("Type"));
        assertEquals("Retain", table.get("DeletionPolicy"));
        assertEquals("Retain", table.get("UpdateReplacePolicy"));
        Map<String, Object> p = map(table, "Properties");
        assertEquals("PAY_PER_REQUEST", p.get("BillingMode"));
        assertEquals(Boolean.TRUE, map(p, "PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled"));
        assertEquals(Boolean.TRUE, map(p, "SSESpecification").get("SSEEnabled"));
        assertEquals(LedgerTable.TTL, map(p, "TimeToLiveSpecification").get("AttributeName"));
        assertEquals(Boolean.TRUE, map(p, "TimeToLiveSpecification").get("Enabled"));
        assertNull(p.get("TableName"), "no fixed name: a retained table must not block a redeploy");
        assertEquals(Map.of("HASH", LedgerTable.PK, "RANGE", LedgerTable.SK), keySchema(p.get("KeySchema")));
        Map<String, Map<String, String>> gsis = list(p.get("GlobalSecondaryIndexes")).stream().collect(Collectors.toMap(
                g -> (String) g.get("IndexName"), g -> keySchema(g.get("KeySchema"))));
        assertEquals(Map.of(
                LedgerTable.INDEX_BY_STARTED_AT, Map.of("HASH", LedgerTable.RECORD_TYPE, "RANGE", LedgerTable.STARTED_AT),
                LedgerTable.INDEX_BY_STATUS, Map.of("HASH", LedgerTable.RUN_STATUS, "RANGE", LedgerTable.STARTED_AT)), gsis);
        Set<String> defined = list(p.get("AttributeDefinitions")).stream().map(a -> (String) a.get("AttributeName")).collect(Collectors.toSet());
        assertEquals(Set.of(LedgerTable.PK, LedgerTable.SK, LedgerTable.RECORD_TYPE, LedgerTable.RUN_STATUS, LedgerTable.STARTED_AT), defined);
    }

    @Test
    void theFunctionIsWiredAsTheCodeExpects() throws IOException {
        Map<String, Object> t = template();
        Map<String, Object> p = map(t, "Resources", "RunLedgerFunction", "Properties");
        assertEquals(RunLedgerHandler.class.getName() + "::handleRequest", p.get("Handler"));
        assertEquals("functions/run-ledger", p.get("CodeUri"));
        Map<String, Object> env = map(p, "Environment", "Variables");
        assertEquals(Set.of("LEDGER_TABLE", "DATA_BUCKET", "PIPELINE_PREFIX", "MAX_RUN_MINUTES", "LEASE_MARGIN_MINUTES",
                "PRICE_TABLE_JSON", "SPOT_PRICE_FACTOR", "EBS_GP3_USD_PER_GIB_MONTH", "STACK_NAME", "JOB_TIMEOUT_MIN_SECONDS",
                "JOB_TIMEOUT_MAX_SECONDS"), env.keySet());
        assertEquals("RunLedgerTable", env.get("LEDGER_TABLE"));

        // The defaults of the parameters make a valid configuration.
        Map<String, Object> params = map(t, "Parameters");
        LedgerSettings settings = LedgerSettings.fromEnvironment(Map.of(
                "LEDGER_TABLE", "t", "DATA_BUCKET", "my-data",
                "PIPELINE_PREFIX", String.valueOf(map(params, "PipelinePrefix").get("Default")),
                "MAX_RUN_MINUTES", String.valueOf(env.get("MAX_RUN_MINUTES")),
                "LEASE_MARGIN_MINUTES", String.valueOf(map(params, "LeaseMarginMinutes").get("Default")),
                "PRICE_TABLE_JSON", String.valueOf(map(params, "PriceTableJson").get("Default")),
                "SPOT_PRICE_FACTOR", String.valueOf(map(params, "SpotPriceFactor").get("Default")),
                "EBS_GP3_USD_PER_GIB_MONTH", String.valueOf(map(params, "EbsGp3UsdPerGibMonth").get("Default"))));
        assertNull(settings.prices().problem());
        assertNotNull(settings.prices().priceOf("m5.xlarge"));
        // The state machine stops an execution after 12 hours; the lease outlives it by the margin.
        assertEquals(Duration.ofMinutes(720 + 30), settings.leaseDuration());

        // The policy names the index keys the code reads and writes: the root and shards under index/v2/, the
        // format-1 object it migrates, the shards folder it lists and removes unused shards from.
        String policy = String.valueOf(p.get("Policies"));
        assertTrue(IndexRoot.ROOT_KEY.startsWith("index/v2/") && IndexRoot.SHARDS_FOLDER.startsWith("index/v2/"));
        assertTrue(policy.contains("s3:PutObject], Resource=[arn:${AWS::Partition}:s3:::${DataBucketName}/${PipelinePrefix}index/v2/*,"
                + " arn:${AWS::Partition}:s3:::${DataBucketName}/${PipelinePrefix}" + IndexRoot.LEGACY_KEY + "]"), policy);
        assertTrue(policy.contains("Action=s3:DeleteObject, Resource=arn:${AWS::Partition}:s3:::${DataBucketName}/${PipelinePrefix}"
                + IndexRoot.SHARDS_FOLDER + "*"), policy);
        assertTrue(policy.contains("s3:prefix=[${PipelinePrefix}" + IndexRoot.ROOT_KEY + ", ${PipelinePrefix}" + IndexRoot.LEGACY_KEY
                + ", ${PipelinePrefix}" + IndexRoot.SHARDS_FOLDER + "]"), policy);
        assertTrue(policy.contains("${PipelinePrefix}manifests/*"), policy);
        assertEquals("RunLedgerMemoryMB", p.get("MemorySize"), "memory is a template parameter");
    }
}
