package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs an EMR step for real, for {@link LocalEmr} (the offline runner's Spark in local mode: {@code
 * emrpipeline.local.spark.SparkSubmitStep}). Without one, or when it declines a step, the step is simulated:
 * it takes {@link EmrTiming#stepRunning()} and completes (or fails as configured).
 */
public interface StepRunner {
    /**
     * One step to run.
     *
     * @param clusterId  the cluster's id
     * @param stepId     the step's id
     * @param stepConfig the StepConfig as AddJobFlowSteps received it
     * @param logUri     the cluster's LogUri (e.g. {@code s3://logs/emr-logs/}), or null; EMR writes a step's logs to
     *                   {@code <LogUri><clusterId>/steps/<stepId>/}
     */
    record Request(String clusterId, String stepId, JsonNode stepConfig, String logUri) {
    }

    /** Runs the step and says how it ended, or returns {@link StepRun#simulated(String)} for a step it does not run. */
    StepRun run(Request request);
}
