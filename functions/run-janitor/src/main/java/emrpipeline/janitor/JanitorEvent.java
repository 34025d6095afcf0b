package emrpipeline.janitor;

/** What woke the janitor, validated: built only by {@link JanitorEvents}. */
public sealed interface JanitorEvent {

    /** What an event asks for: {@link RunJanitor#handle} dispatches with an exhaustive switch over it. */
    enum Kind { EXECUTION_ENDED, CLUSTER_FAILED, SWEEP }

    Kind kind();

    /**
     * A "Step Functions Execution Status Change" event of this state machine with status FAILED, TIMED_OUT or
     * ABORTED (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html).
     */
    record ExecutionEnded(String executionArn, String status) implements JanitorEvent {
        @Override
        public Kind kind() {
            return Kind.EXECUTION_ENDED;
        }
    }

    /**
     * An "EMR Cluster State Change" event to TERMINATED_WITH_ERRORS
     * (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-cloudwatch-events.html). {@code code} and
     * {@code message} come from the event's stateChangeReason (a JSON document in a string) and may be null.
     */
    record ClusterFailed(String clusterId, String clusterName, String code, String message, String eventMessage)
            implements JanitorEvent {
        @Override
        public Kind kind() {
            return Kind.CLUSTER_FAILED;
        }
    }

    /** The daily sweep: pipeline clusters still alive whose execution is not running any more (a lost event). */
    record Sweep() implements JanitorEvent {
        @Override
        public Kind kind() {
            return Kind.SWEEP;
        }
    }
}
