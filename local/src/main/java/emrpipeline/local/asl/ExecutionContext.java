package emrpipeline.local.asl;

import java.time.Instant;
import java.util.Objects;

/**
 * What the service knows about an execution before it starts; it fills {@code $$.Execution} and
 * {@code $$.StateMachine} of the context object and the ExecutionStarted event.
 *
 * @param executionArn    {@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}
 * @param name            the execution name
 * @param stateMachineArn {@code arn:aws:states:REGION:ACCOUNT:stateMachine:MACHINE}
 * @param roleArn         the state machine's role
 * @param startTime       when the execution starts (the virtual clock's origin)
 */
public record ExecutionContext(String executionArn, String name, String stateMachineArn, String roleArn,
                               Instant startTime) {
    public ExecutionContext {
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(startTime, "startTime");
    }

    /** A context in us-east-1 / account 123456789012 for a machine and an execution name. */
    public static ExecutionContext of(String machineName, String executionName, Instant startTime) {
        String prefix = "arn:aws:states:us-east-1:123456789012:";
        return new ExecutionContext(prefix + "execution:" + machineName + ":" + executionName, executionName,
                prefix + "stateMachine:" + machineName, "arn:aws:iam::123456789012:role/" + machineName + "-role",
                startTime);
    }

    /** The state machine's name: the last part of its ARN. */
    public String stateMachineName() {
        return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    }

    /** The region of the state machine's ARN (us-east-1 when the ARN has none). */
    public String region() {
        String[] parts = stateMachineArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }
}
