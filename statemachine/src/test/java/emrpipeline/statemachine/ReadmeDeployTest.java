package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Deploy section (between its {@code <!-- deploy:begin -->} and {@code <!-- deploy:end -->} markers) names
 * every prerequisite of a first deploy (DocumentationTest checks its links).
 */
class ReadmeDeployTest {
    private final String deploy = new MarkdownFile(ProjectFiles.README).section("deploy");

    @Test
    void everyRequiredParameterIsNamed() {
        List<String> missing = new ArrayList<>();
        CloudFormationTemplate.load().path("Parameters").fields().forEachRemaining(p -> {
            if (!p.getValue().has("Default") && !deploy.contains("`" + p.getKey() + "`")) {
                missing.add(p.getKey());
            }
        });
        assertEquals(List.of(), missing, "parameters without a default that the Deploy section does not name");
    }

    @Test
    void thePrerequisitesAreListed() {
        for (String prerequisite : List.of("AWS SAM CLI", "JDK 17+", "Maven", "Credentials", "CAPABILITY_IAM",
                "`JobEntryPoint`", "`SubnetIds`", "for-use-with-amazon-emr-managed-policies=true", "SlackWebhookSecretArn",
                "AWSServiceRoleForEMRCleanup", "EMR default roles")) {
            assertTrue(deploy.contains(prerequisite), "the Deploy section does not mention " + prerequisite);
        }
    }
}
