package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The reason people read first, from causes shaped as Step Functions' EMR .sync integrations report them: the
 * DescribeStep / DescribeCluster answer of the failed step or cluster, as the task's Cause (a JSON document).
 */
class FailureReasonTest {

    /** DescribeStep's answer for a failed Spark step (https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeStep.html). */
    static final String FAILED_STEP = """
            {"Step":{"ActionOnFailure":"CONTINUE","Config":{"Args":["spark-submit","--deploy-mode","cluster","s3://my-code/job.jar"],\
            "Jar":"command-runner.jar","Properties":{}},"Id":"s-1K0CUNA0GTU4T","Name":"emr-pipeline 2026-11-21-daily",\
            "Status":{"FailureDetails":{"LogFile":"s3://my-logs/j-2AXXXXXXGAPLF/steps/s-1K0CUNA0GTU4T/stderr.gz",\
            "Message":"Exception in thread \\"main\\" org.apache.spark.SparkException: Application finished with failed status",\
            "Reason":"Unknown Error."},"State":"FAILED","StateChangeReason":{},\
            "Timeline":{"CreationDateTime":1.763704810E9,"EndDateTime":1.763705425E9,"StartDateTime":1.763704830E9}}}}""";

    /** DescribeCluster's answer for a cluster that could not get capacity (https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeCluster.html). */
    static final String FAILED_CLUSTER = """
            {"Cluster":{"Id":"j-2AXXXXXXGAPLF","Name":"emr-pipeline-2026-11-21-daily","ReleaseLabel":"emr-7.12.0",\
            "Status":{"State":"TERMINATED_WITH_ERRORS","StateChangeReason":{"Code":"INSTANCE_FLEET_TIMEOUT",\
            "Message":"The instance fleet CORE could not provision capacity within the timeout."},\
            "Timeline":{"CreationDateTime":1.763704810E9,"EndDateTime":1.763706010E9}},\
            "Tags":[{"Key":"emr-pipeline:run-id","Value":"2026-11-21-daily"}]}}""";

    @Test
    void aFailedStepShowsItsReasonMessageAndLog() {
        assertEquals("step emr-pipeline 2026-11-21-daily: Unknown Error.: Exception in thread \"main\" "
                        + "org.apache.spark.SparkException: Application finished with failed status "
                        + "(log: s3://my-logs/j-2AXXXXXXGAPLF/steps/s-1K0CUNA0GTU4T/stderr.gz)",
                FailureReason.readable("States.TaskFailed", FAILED_STEP));
    }

    @Test
    void aFailedClusterShowsItsStateChangeReason() {
        assertEquals("cluster j-2AXXXXXXGAPLF TERMINATED_WITH_ERRORS: INSTANCE_FLEET_TIMEOUT: The instance fleet CORE "
                + "could not provision capacity within the timeout.", FailureReason.readable("States.TaskFailed", FAILED_CLUSTER));
    }

    @Test
    void aStepWithoutDetailsAndPartialReasonsStillSaySomething() {
        assertEquals("the step failed without details",
                FailureReason.readable("States.TaskFailed", "{\"Status\":{\"State\":\"FAILED\",\"FailureDetails\":{}}}"));
        assertEquals("cluster j-1 TERMINATED_WITH_ERRORS: BOOTSTRAP_FAILURE",
                FailureReason.readable("States.TaskFailed", "{\"Cluster\":{\"Id\":\"j-1\",\"Status\":{\"State\":\"TERMINATED_WITH_ERRORS\",\"StateChangeReason\":{\"Code\":\"BOOTSTRAP_FAILURE\"}}}}"));
    }

    @Test
    void anEmptyCauseIsExplainedByTheError() {
        assertEquals("no cause: the state or the execution ran longer than its TimeoutSeconds", FailureReason.readable("States.Timeout", ""));
        assertEquals("no cause: the state machine could not process the state's data", FailureReason.readable("States.Runtime", null));
        assertEquals("no cause was reported with emrpipeline.X", FailureReason.readable("emrpipeline.X", "  "));
        assertEquals("no cause was reported", FailureReason.readable(null, null));
    }

    @Test
    void plainTextAndUnknownJsonStayAsTheyAre() {
        assertEquals("Lambda was throttled", FailureReason.readable("Lambda.TooManyRequestsException", "Lambda was throttled"));
        assertEquals("{\n  \"a\": 1\n}", FailureReason.readable("E", "{\"a\":1}"));
        assertEquals("{\"a\":", FailureReason.readable("E", "{\"a\":"));
    }
}
