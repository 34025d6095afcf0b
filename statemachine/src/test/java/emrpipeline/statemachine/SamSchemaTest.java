package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the AWS SAM template JSON schema (draft-04), a copy of schema_source/sam.schema.json
 * of aws/serverless-application-model (samtranslator 1.110.0) kept in src/test/resources.
 */
class SamSchemaTest {

    private static List<String> problems(JsonNode template) throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (InputStream schemaFile = SamSchemaTest.class.getResourceAsStream("/sam.schema.json")) {
            JsonSchema schema = factory.getSchema(schemaFile);
            Set<ValidationMessage> problems = schema.validate(template);
            return problems.stream().map(ValidationMessage::getMessage).sorted().toList();
        }
    }

    @Test
    void theTemplateIsAValidSamTemplate() throws Exception {
        assertEquals(List.of(), problems(CloudFormationTemplate.load()));
    }

    @Test
    void theSchemaCatchesAMisspelledStateMachineProperty() throws Exception {
        ObjectNode template = (ObjectNode) CloudFormationTemplate.load();
        ObjectNode properties = (ObjectNode) template.at("/Resources/PipelineStateMachine/Properties");
        properties.set("DefinitionSubstitution", properties.remove("DefinitionSubstitutions"));
        assertFalse(problems(template).isEmpty(), "a wrong property name must not pass");
    }
}
