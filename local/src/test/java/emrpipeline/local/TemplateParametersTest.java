package emrpipeline.local;

import static emrpipeline.local.Scenarios.DAY_1;
import static emrpipeline.local.Scenarios.assertNothingLeftRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emrpipeline.local.aws.LocalEmr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Template parameter values are substituted into the definition as text, as CloudFormation does. With every
 * optional cluster setting given and job arguments full of quotes, the definition must still be valid and the
 * values must reach the cluster request and the step exactly (they travel Base64-encoded).
 */
class TemplateParametersTest {
    private static final String JOB_ARGUMENTS = "{\"mode\":\"it's \\\"quoted\\\" {and} braced\",\"days\":3}";
    private static LocalPipeline pipeline;

    @BeforeAll
    static void start() {
        LocalPipeline.Settings defaults = LocalPipeline.Settings.inMemory(Project.ROOT);
        pipeline = LocalPipeline.start(new LocalPipeline.Settings(defaults.projectRoot(), null, false, Map.of(
                "SecurityConfigurationName", "pipeline-encryption",
                "SubnetIds", "subnet-0abc,subnet-0def",
                "JobArgumentsJson", JOB_ARGUMENTS), Map.of(), 1L));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void optionalSettingsAndQuotedJobArgumentsReachTheClusterAndTheStep() throws Exception {
        RunResult r = pipeline.run(new RunRequest().executionName("with-options").startTime(DAY_1));

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        LocalEmr.Cluster cluster = r.clusters().get(0);
        assertEquals("pipeline-encryption", cluster.request().path("SecurityConfiguration").asText());
        assertEquals("[\"subnet-0abc\",\"subnet-0def\"]", cluster.request().at("/Instances/Ec2SubnetIds").toString());
        List<String> args = new ArrayList<>();
        cluster.steps().get(0).config().at("/HadoopJarStep/Args").forEach(a -> args.add(a.asText()));
        JsonNode passed = new ObjectMapper().readTree(args.get(args.indexOf("--job-arguments") + 1));
        assertEquals(new ObjectMapper().readTree(JOB_ARGUMENTS), passed);
        assertNothingLeftRunning(r);
    }
}
