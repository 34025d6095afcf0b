package emrpipeline.janitor;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The janitor's configuration, from the function's environment (template.yaml): which stack's clusters are its own
 * (the {@code emr-pipeline:stack} tag and the cluster name prefix the definition gives them), the state machine whose
 * executions it cleans up after, the functions it invokes (their {@code live} aliases) and the alert topic.
 */
record JanitorSettings(String stackName, String stateMachineArn, String alertTopicArn, String ledgerFunction,
                       String alarmFunction, String slackFunction, Duration sweepLookBack) {
    static final String STACK_TAG = "emr-pipeline:stack";
    static final String RUN_ID_TAG = "emr-pipeline:run-id";
    static final String EXECUTION_TAG = "emr-pipeline:execution";
    private static final Pattern STATE_MACHINE_ARN =
            Pattern.compile("arn:[a-z0-9-]+:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    static JanitorSettings fromEnvironment(Map<String, String> env) {
        String stateMachine = required(env, "STATE_MACHINE_ARN");
        if (!STATE_MACHINE_ARN.matcher(stateMachine).matches()) {
            throw new JanitorConfigurationException("STATE_MACHINE_ARN: not a state machine ARN: " + stateMachine);
        }
        String days = env.getOrDefault("SWEEP_LOOK_BACK_DAYS", "30");
        int lookBack;
        try {
            lookBack = Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw new JanitorConfigurationException("SWEEP_LOOK_BACK_DAYS: not a whole number of days: " + days);
        }
        if (lookBack < 1 || lookBack > 365) {
            throw new JanitorConfigurationException("SWEEP_LOOK_BACK_DAYS: must be 1 to 365, got " + lookBack);
        }
        return new JanitorSettings(required(env, "STACK_NAME"), stateMachine, required(env, "ALERT_TOPIC_ARN"),
                required(env, "RUN_LEDGER_FUNCTION"), required(env, "ALARM_LIFECYCLE_FUNCTION"),
                required(env, "SLACK_NOTIFIER_FUNCTION"), Duration.ofDays(lookBack));
    }

    /** The definition names every cluster {@code <stack name>-<run id>}: the rule's and the sweep's filter. */
    String clusterNamePrefix() {
        return stackName + "-";
    }

    /** The ARN of this state machine's execution {@code name}: {@code ...:execution:<state machine>:<name>}. */
    String executionArn(String executionName) {
        int at = stateMachineArn.indexOf(":stateMachine:");
        return stateMachineArn.substring(0, at) + ":execution:" + stateMachineArn.substring(at + ":stateMachine:".length())
                + ":" + executionName;
    }

    /** Whether {@code executionArn} is an execution of this state machine. */
    boolean ownsExecution(String executionArn) {
        String prefix = executionArn(""); // ...:execution:<state machine>:
        return executionArn.startsWith(prefix) && executionArn.length() > prefix.length()
                && executionArn.indexOf(':', prefix.length()) < 0;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new JanitorConfigurationException(name + ": missing from the function's environment");
        }
        return value.trim();
    }
}
