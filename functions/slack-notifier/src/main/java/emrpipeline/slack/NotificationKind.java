package emrpipeline.slack;

/** What happened to the run; decides the message's header and which figures it shows. */
public enum NotificationKind {
    STARTED,
    CLUSTER_READY,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    /** The execution ran past its TimeoutSeconds (told by the run janitor). */
    TIMED_OUT,
    /** The execution was stopped (StopExecution; told by the run janitor). */
    ABORTED,
    /** The run janitor cleaned what a run already reported left behind (a cluster, alarms, the lease). */
    CLEANED_UP,
    /** A pipeline cluster ended TERMINATED_WITH_ERRORS (EMR's own event: spot reclaimed, bootstrap failure, ...). */
    CLUSTER_FAILED
}
