package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The template sets every variable the function reads, and its parameter defaults are the code's defaults, so the
 * README's single table of defaults is true of both. Reads the repository's template.yaml ({@link RepositoryFiles}).
 */
class TemplateWiringTest {

    private static String template() {
        return RepositoryFiles.text("template.yaml");
    }

    private static String parameterDefault(String template, String parameter) {
        Matcher matcher = Pattern.compile("(?m)^  " + parameter + ":\\n(?:    .*\\n)*?    Default: '?([^'\\n]*)'?\\n").matcher(template);
        assertTrue(matcher.find(), "parameter " + parameter + " with a Default");
        return matcher.group(1);
    }

    private static String parameterStem(ClusterMetric metric) {
        StringBuilder stem = new StringBuilder("Alarm");
        for (String word : metric.environmentStem().split("_")) {
            stem.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return stem.toString();
    }

    @Test
    void theFunctionIsWiredToItsHandlerAndTopic() {
        String template = template();
        assertTrue(template.contains("      CodeUri: functions/alarm-lifecycle\n"
                + "      Handler: emrpipeline.alarms.AlarmLifecycleHandler::handleRequest\n"));
        assertTrue(template.contains("          ALARM_TOPIC_ARN: !Ref AlertTopic\n"));
        assertTrue(template.contains("          ALARM_NAME_PREFIX: !Ref AlarmNamePrefix\n"));
        assertEquals(AlarmSettings.DEFAULT_NAME_PREFIX, parameterDefault(template, "AlarmNamePrefix"));
        assertTrue(template.contains("            Input: '{\"action\": \"sweep\"}'\n"));
    }

    @Test
    void everyAlarmVariableIsSetFromItsParameterWhoseDefaultIsTheCodes() {
        String template = template();
        for (ClusterMetric metric : ClusterMetric.values()) {
            String variable = "ALARM_" + metric.environmentStem();
            String parameter = parameterStem(metric);
            for (String[] pair : new String[][] {{"_ENABLED", "Enabled"}, {"_THRESHOLD", "Threshold"},
                    {"_EVALUATION_PERIODS", "EvaluationPeriods"}}) {
                String line = "          " + variable + pair[0] + ": !Ref " + parameter + pair[1] + "\n";
                assertTrue(template.contains(line), "template sets " + line.trim());
            }
            assertEquals("true", parameterDefault(template, parameter + "Enabled"));
            assertEquals(metric.defaultThreshold(), Double.parseDouble(parameterDefault(template, parameter + "Threshold")),
                    parameter + "Threshold");
            assertEquals(metric.defaultEvaluationPeriods(),
                    Integer.parseInt(parameterDefault(template, parameter + "EvaluationPeriods")), parameter + "EvaluationPeriods");
        }
    }
}
