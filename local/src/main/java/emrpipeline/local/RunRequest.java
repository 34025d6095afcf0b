package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.aws.EmrTiming;
import emrpipeline.local.aws.LocalEmr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution to run, and how the world behaves during it. Every field is optional.
 *
 * <ul>
 *   <li>{@code executionName}: default {@code local-<start as yyyyMMdd'T'HHmmss'Z'>}</li>
 *   <li>{@code input}: the execution input; default {@code {}}</li>
 *   <li>{@code startTime}: the virtual start; default now, or just after the previous run of the same data folder
 *       ended in virtual time, whichever is later</li>
 *   <li>{@code faults}: injected task failures ({@link Fault})</li>
 *   <li>{@code slackDownStatus}: Slack answers every post with this status (e.g. 503); 0: Slack is up</li>
 *   <li>{@code clusterFailure}: the cluster fails while starting, with this state change reason</li>
 *   <li>{@code stepFailure}: the Spark step fails with these failure details</li>
 *   <li>{@code emrTiming}: EMR durations; default {@link EmrTiming#DEFAULT}</li>
 *   <li>{@code leaseHeldBy}: before the run, another execution of this name takes the ledger's lease (through the
 *       real ledger function), as a live run would hold it</li>
 *   <li>{@code stopAfter}: StopExecution at this virtual time after the start (ABORTED)</li>
 *   <li>{@code slackFlakyPosts}, {@code slackHangs}: Slack fails the first N posts, or never answers</li>
 *   <li>{@code deliverEvents}: the EventBridge events of the run reach the run janitor (default true)</li>
 * </ul>
 */
public final class RunRequest {
    String executionName;
    JsonNode input;
    Instant startTime;
    final List<Fault> faults = new ArrayList<>();
    int slackDownStatus;
    LocalEmr.ClusterFailure clusterFailure;
    LocalEmr.StepFailure stepFailure;
    EmrTiming emrTiming;
    String leaseHeldBy;
    java.time.Duration stopAfter;
    int slackFlakyPosts;
    boolean slackHangs;
    boolean deliverEvents = true;
    java.time.Duration executionTimeout;

    /**
     * The execution's TimeoutSeconds in place of the definition's: what happens when an execution runs out of time
     * (its TIMED_OUT end and the janitor after it), which the definition's time budget keeps from happening.
     */
    public RunRequest executionTimeout(java.time.Duration timeout) {
        this.executionTimeout = timeout;
        return this;
    }

    /** StopExecution this long (virtual) after the start: the execution ends ABORTED there, without its Catch. */
    public RunRequest stopAfter(java.time.Duration after) {
        this.stopAfter = after;
        return this;
    }

    /** Slack fails the first {@code posts} posts of the run (HTTP 503), then accepts. */
    public RunRequest slackFlaky(int posts) {
        this.slackFlakyPosts = posts;
        return this;
    }

    /** Slack accepts connections and never answers (the notifier must give up in time). */
    public RunRequest slackHangs(boolean hangs) {
        this.slackHangs = hangs;
        return this;
    }

    /** Whether the events EventBridge would send (execution end, cluster end) reach their rules' functions; default yes. */
    public RunRequest deliverEvents(boolean deliver) {
        this.deliverEvents = deliver;
        return this;
    }

    public RunRequest executionName(String name) {
        this.executionName = name;
        return this;
    }

    public RunRequest input(JsonNode executionInput) {
        this.input = executionInput;
        return this;
    }

    public RunRequest startTime(Instant start) {
        this.startTime = start;
        return this;
    }

    public RunRequest fail(Fault fault) {
        this.faults.add(fault);
        return this;
    }

    public RunRequest fail(String spec) {
        return fail(Fault.parse(spec));
    }

    public RunRequest slackDown(int status) {
        this.slackDownStatus = status;
        return this;
    }

    public RunRequest clusterFails(LocalEmr.ClusterFailure failure) {
        this.clusterFailure = failure;
        return this;
    }

    public RunRequest stepFails(LocalEmr.StepFailure failure) {
        this.stepFailure = failure;
        return this;
    }

    public RunRequest emrTiming(EmrTiming timing) {
        this.emrTiming = timing;
        return this;
    }

    public RunRequest leaseHeldBy(String executionName) {
        this.leaseHeldBy = executionName;
        return this;
    }
}
