package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import emrpipeline.local.lambda.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/** The local ledger table is created from template.yaml's definition: the deployed table's keys and indexes. */
class TemplateTablesTest {

    @Test
    void theLedgerTableHasTheTemplatesKeysAndIndexes() {
        Map<String, String> parameters = new LinkedHashMap<>(LocalPipeline.LOCAL_PARAMETERS);
        SamTemplate template = SamTemplate.load(Project.ROOT.resolve("template.yaml"), parameters, "emr-pipeline",
                "us-east-1", "123456789012");
        List<CreateTableRequest> tables = TemplateTables.requests(template);
        assertEquals(1, tables.size());
        CreateTableRequest ledger = tables.get(0);
        assertEquals(template.function("RunLedgerFunction").environment().get("LEDGER_TABLE"), ledger.tableName());
        assertEquals(BillingMode.PAY_PER_REQUEST, ledger.billingMode());
        assertEquals("[pk HASH, sk RANGE]", keys(ledger.keySchema()));
        Map<String, String> indexes = new LinkedHashMap<>();
        for (GlobalSecondaryIndex g : ledger.globalSecondaryIndexes()) {
            indexes.put(g.indexName(), keys(g.keySchema()) + " " + g.projection().projectionTypeAsString());
        }
        assertEquals(Map.of("byStartedAt", "[recordType HASH, startedAt RANGE] ALL",
                "byStatus", "[runStatus HASH, startedAt RANGE] ALL"), indexes);
    }

    private static String keys(List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList().toString();
    }
}
