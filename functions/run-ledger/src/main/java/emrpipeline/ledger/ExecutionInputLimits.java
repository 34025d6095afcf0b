package emrpipeline.ledger;

import java.util.Map;

/**
 * The limits an execution input is checked against, from the function's environment, where template.yaml sets them
 * from its one source ({@code Mappings: ExecutionLimits}): the job timeout range, and the stack name the cluster's
 * name starts with (EMR cluster names are at most 256 characters).
 */
public record ExecutionInputLimits(String stackName, int jobTimeoutMinSeconds, int jobTimeoutMaxSeconds) {

    public static ExecutionInputLimits fromEnvironment(Map<String, String> env) {
        String stack = env.get("STACK_NAME");
        if (stack == null || stack.isBlank()) {
            throw new LedgerConfigurationException("STACK_NAME is required to validate execution inputs");
        }
        return new ExecutionInputLimits(stack.trim(), number(env, "JOB_TIMEOUT_MIN_SECONDS"), number(env, "JOB_TIMEOUT_MAX_SECONDS"));
    }

    public ExecutionInputLimits {
        if (jobTimeoutMinSeconds < 1 || jobTimeoutMaxSeconds < jobTimeoutMinSeconds) {
            throw new LedgerConfigurationException("job timeout range " + jobTimeoutMinSeconds + ".." + jobTimeoutMaxSeconds
                    + " is empty");
        }
    }

    private static int number(Map<String, String> env, String name) {
        String value = env.get(name);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new LedgerConfigurationException(name + " must be a whole number of seconds, got " + value);
        }
    }
}
