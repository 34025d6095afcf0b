package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.lambda.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * The {@code AWS::DynamoDB::Table} resources of template.yaml as CreateTable requests, so a local table has the
 * deployed one's keys and indexes: TableName, AttributeDefinitions, KeySchema, Global and Local secondary indexes
 * (key schema, projection) and the billing mode. What DynamoDB Local cannot use is left out (encryption,
 * point-in-time recovery, streams, deletion protection, tags); TTL is not applied (DynamoDB Local does not expire
 * items on its own anyway).
 */
final class TemplateTables {
    private TemplateTables() {
    }

    static List<CreateTableRequest> requests(SamTemplate template) {
        List<CreateTableRequest> requests = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            requests.add(request(template, id));
        }
        return requests;
    }

    static CreateTableRequest request(SamTemplate template, String logicalId) {
        JsonNode p = template.resource(logicalId).path("Properties");
        boolean provisioned = "PROVISIONED".equals(p.has("BillingMode") ? template.string(p.get("BillingMode")) : "PROVISIONED")
                && p.has("ProvisionedThroughput");
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(template.physicalId(logicalId))
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : p.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(template.string(a.get("AttributeName")))
                    .attributeType(template.string(a.get("AttributeType"))).build());
        }
        b.attributeDefinitions(attributes).keySchema(keys(template, p.path("KeySchema")));
        if (provisioned) {
            b.provisionedThroughput(throughput(template, p.path("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
            GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                    .indexName(template.string(g.get("IndexName")))
                    .keySchema(keys(template, g.path("KeySchema")))
                    .projection(projection(template, g.path("Projection")));
            if (provisioned) {
                index.provisionedThroughput(throughput(template, g.path("ProvisionedThroughput")));
            }
            globals.add(index.build());
        }
        if (!globals.isEmpty()) {
            b.globalSecondaryIndexes(globals);
        }
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        for (JsonNode l : p.path("LocalSecondaryIndexes")) {
            locals.add(LocalSecondaryIndex.builder().indexName(template.string(l.get("IndexName")))
                    .keySchema(keys(template, l.path("KeySchema")))
                    .projection(projection(template, l.path("Projection"))).build());
        }
        if (!locals.isEmpty()) {
            b.localSecondaryIndexes(locals);
        }
        return b.build();
    }

    private static List<KeySchemaElement> keys(SamTemplate template, JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : schema) {
            keys.add(KeySchemaElement.builder().attributeName(template.string(k.get("AttributeName")))
                    .keyType(template.string(k.get("KeyType"))).build());
        }
        return keys;
    }

    private static Projection projection(SamTemplate template, JsonNode projection) {
        Projection.Builder b = Projection.builder().projectionType(
                projection.has("ProjectionType") ? template.string(projection.get("ProjectionType")) : "KEYS_ONLY");
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(a -> nonKey.add(template.string(a)));
        if (!nonKey.isEmpty()) {
            b.nonKeyAttributes(nonKey);
        }
        return b.build();
    }

    private static ProvisionedThroughput throughput(SamTemplate template, JsonNode t) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(template.string(t.path("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(template.string(t.path("WriteCapacityUnits")))).build();
    }
}
