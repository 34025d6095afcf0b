package emrpipeline.slack;

/** Requests as the state machine sends them. */
final class Requests {
    static final String EXECUTION_ARN =
            "arn:aws:states:eu-west-1:123456789012:execution:emr-pipeline-Pipeline:2026-11-21-daily-0600";

    private Requests() {
    }

    /** A request of {@code kind} with every figure its state knows. */
    static NotificationRequest of(NotificationKind kind) {
        NotificationRequest request = new NotificationRequest();
        request.setKind(kind.name());
        request.setRunId("2026-11-21-daily");
        request.setExecutionArn(EXECUTION_ARN);
        request.setExecutionName("2026-11-21-daily-0600");
        switch (kind) {
            case STARTED -> {
                request.setNewObjectCount("1234");
                request.setNewBytes("13207024640");
                request.setEbsGib("96");
                request.setCoreNodeCount("2");
                request.setManifestUri("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json");
            }
            case CLUSTER_READY -> {
                request.setClusterId("j-2AXXXXXXGAPLF");
                request.setEbsGib("96");
                request.setCoreNodeCount("2");
            }
            case SUCCEEDED -> {
                request.setClusterId("j-2AXXXXXXGAPLF");
                request.setNewObjectCount("1234");
                request.setNewBytes("13207024640");
                request.setDurationSeconds("3725.4");
                request.setClusterHours("3.25");
                request.setEstimatedCostUsd("1.8375");
                request.setManifestUri("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json");
            }
            case FAILED -> {
                request.setClusterId("j-2AXXXXXXGAPLF");
                request.setDurationSeconds("905");
                request.setClusterHours("0.5");
                request.setEstimatedCostUsd("0.31");
                request.setError("States.TaskFailed");
                request.setCause("{\"errorMessage\":\"Step failed: exit code 1\",\"errorType\":\"StepFailedException\","
                        + "\"stackTrace\":[\"emrpipeline.job.Main.run(Main.java:42)\",\"emrpipeline.job.Main.main(Main.java:12)\"]}");
            }
            case SKIPPED -> request.setReason("previous run still active");
            case TIMED_OUT -> {
                request.setError("States.Timeout");
                request.setCause("");
                request.setCleanup("the run janitor terminated cluster j-2AXXXXXXGAPLF, deleted 4 alarms and released the lease");
            }
            case ABORTED -> {
                request.setReason("the execution was stopped");
                request.setCleanup("the run janitor terminated cluster j-2AXXXXXXGAPLF and released the lease");
            }
            case CLEANED_UP -> request.setCleanup("the run janitor terminated cluster j-2AXXXXXXGAPLF, which the state machine's cleanup could not terminate, and released the lease");
            case CLUSTER_FAILED -> {
                request.setClusterId("j-2AXXXXXXGAPLF");
                request.setError("TERMINATED_WITH_ERRORS");
                request.setCause("INSTANCE_FAILURE: Spot instances were reclaimed");
            }
        }
        return request;
    }
}
