package emrpipeline.slack;

/** What happened to the run; decides the message's header and which figures it shows. */
public enum NotificationKind {
    STARTED,
    CLUSTER_READY,
    SUCCEEDED,
    FAILED,
    SKIPPED
}
