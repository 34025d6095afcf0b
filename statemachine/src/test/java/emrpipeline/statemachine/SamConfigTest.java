package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** samconfig.toml's environments override only parameters template.yaml has, and their placeholders cannot deploy. */
class SamConfigTest {
    private static final Pattern OVERRIDE = Pattern.compile("^\\s*\"([A-Za-z0-9]+)=(.*)\",?\\s*$", Pattern.MULTILINE);

    @Test
    void everyOverrideNamesATemplateParameterAndPlaceholdersFailTheirConstraint() {
        String samconfig = ProjectFiles.read(ProjectFiles.ROOT.resolve("samconfig.toml"));
        JsonNode parameters = CloudFormationTemplate.load().path("Parameters");
        Matcher matcher = OVERRIDE.matcher(samconfig);
        List<String> unknown = new ArrayList<>();
        int overrides = 0;
        while (matcher.find()) {
            overrides++;
            String name = matcher.group(1);
            String value = matcher.group(2);
            JsonNode parameter = parameters.path(name);
            if (parameter.isMissingNode()) {
                unknown.add(name);
                continue;
            }
            String pattern = parameter.path("AllowedPattern").asText(null);
            if (value.contains("CHANGE_ME")) {
                assertTrue(pattern != null && !value.matches(pattern), name + "'s placeholder must be rejected by its AllowedPattern");
            } else if (pattern != null) {
                assertTrue(value.matches(pattern), name + "=" + value + " must satisfy " + pattern);
            }
        }
        assertFalse(overrides == 0, "samconfig.toml has parameter overrides");
        assertEquals(List.of(), unknown, "overrides of parameters template.yaml does not have");
    }
}
