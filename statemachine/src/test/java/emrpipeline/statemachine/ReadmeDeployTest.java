package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Deploy section names every prerequisite of a first deploy, and the docs pages it links exist. */
class ReadmeDeployTest {
    private final String readme = ProjectFiles.read(ProjectFiles.README);
    private final String deploy = readme.substring(readme.indexOf("## Deploy\n"), readme.indexOf("## Running it\n"));

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

    @Test
    void everyLinkedDocsPageExists() {
        Matcher link = Pattern.compile("\\]\\((docs/[^)#]+)").matcher(readme);
        int pages = 0;
        while (link.find()) {
            assertTrue(Files.isRegularFile(ProjectFiles.ROOT.resolve(link.group(1))), link.group(1));
            pages++;
        }
        assertTrue(pages >= 3, "the README links its docs pages");
    }
}
