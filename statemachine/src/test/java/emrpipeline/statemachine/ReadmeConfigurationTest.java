package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Configuration table (between its {@code <!-- configuration:begin -->} and {@code <!-- configuration:end -->}
 * markers) lists every parameter of template.yaml.
 */
class ReadmeConfigurationTest {

    @Test
    void everyTemplateParameterIsDocumented() {
        String configuration = new MarkdownFile(ProjectFiles.README).section("configuration");
        List<String> missing = new ArrayList<>();
        CloudFormationTemplate.load().path("Parameters").fieldNames().forEachRemaining(name -> {
            if (!configuration.contains("| `" + name + "` |")) {
                missing.add(name);
            }
        });
        assertEquals(List.of(), missing, "template parameters missing from README.md's Configuration table");
    }
}
