package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * An in-memory Amazon EMR for one offline run, in virtual time. Clusters walk STARTING, BOOTSTRAPPING, WAITING,
 * RUNNING while a step runs, back to WAITING, then TERMINATING and TERMINATED (or TERMINATED_WITH_ERRORS);
 * steps walk PENDING, RUNNING, then COMPLETED, FAILED or CANCELLED. Durations come from {@link EmrTiming}; a
 * cluster failure or a step failure can be configured. Every call names the virtual instant it is made at, and
 * a cluster's state at any instant is read from its recorded transitions, so the alarm function's
 * {@code DescribeCluster} sees what EMR would show at that moment.
 *
 * <p>Requests are checked against the AWS SDK's EMR model ({@link SdkModelValidator}) and against the service
 * rules the pipeline relies on (see {@link #runJobFlow}); a refused request is an {@link EmrApiException}.
 * An {@code AutoTerminationPolicy.IdleTimeout} is honoured: a cluster left WAITING that long terminates itself.
 */
public final class LocalEmr {
    private static final Set<ClusterState> ENDED = EnumSet.of(ClusterState.TERMINATING, ClusterState.TERMINATED,
            ClusterState.TERMINATED_WITH_ERRORS);
    private static final Pattern RELEASE_LABEL = Pattern.compile("emr-\\d+\\.\\d+\\.\\d+");
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** How a cluster fails while it starts: its state change reason (e.g. INSTANCE_FAILURE and a message). */
    public record ClusterFailure(String code, String message) {
    }

    /** How the steps fail: FailureDetails' reason and message (and the log file EMR would name). */
    public record StepFailure(String reason, String message) {
    }

    /** One state of a cluster or step from {@code at} on. */
    public record Transition<S>(Instant at, S state, String code, String message) {
    }

    private final String region;
    private final String accountId;
    private final Random random;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private EmrTiming timing;
    private ClusterFailure clusterFailure;
    private StepFailure stepFailure;
    private StepRunner stepRunner;

    public LocalEmr(String region, String accountId, EmrTiming timing, Random random) {
        this.region = region;
        this.accountId = accountId;
        this.timing = timing;
        this.random = random;
    }

    public synchronized void timing(EmrTiming newTiming) {
        this.timing = newTiming;
    }

    public synchronized EmrTiming timing() {
        return timing;
    }

    /** Clusters created from now on fail while starting (null: they start). */
    public synchronized void failClusters(ClusterFailure failure) {
        this.clusterFailure = failure;
    }

    /** Steps added from now on fail (null: they complete). */
    public synchronized void failSteps(StepFailure failure) {
        this.stepFailure = failure;
    }

    /**
     * Steps added from now on are run for real by {@code runner} (null: simulated), unless {@link #failSteps}
     * configures a failure, which is simulated.
     */
    public synchronized void runSteps(StepRunner runner) {
        this.stepRunner = runner;
    }

    /**
     * RunJobFlow. Besides the SDK model, the service rules checked are: {@code Name} (1-256 characters) and
     * {@code Instances} present; {@code ReleaseLabel} like emr-7.12.0; instance fleets with exactly one MASTER
     * fleet of capacity 1 and at most one CORE fleet; at most 5 instance types per fleet without an allocation
     * strategy, 30 with one; every EBS volume 1-16384 GiB; {@code AutoTerminationPolicy.IdleTimeout} 60-604800 s;
     * tags of at most 128 / 256 characters; and the two rules of Step Functions' createCluster:
     * {@code KeepJobFlowAliveWhenNoSteps} true and no {@code Steps}.
     */
    public synchronized Cluster runJobFlow(JsonNode request, Instant at) {
        List<String> problems = new ArrayList<>(SdkModelValidator.validate(request, RunJobFlowRequest::builder));
        problems.addAll(serviceRules(request));
        if (!problems.isEmpty()) {
            throw EmrApiException.validation("RunJobFlow request is invalid: " + String.join("; ", problems));
        }
        String id = newId("j-");
        Cluster cluster = new Cluster(id, "arn:aws:elasticmapreduce:" + region + ":" + accountId + ":cluster/" + id,
                request.path("Name").asText(), request.deepCopy(), at,
                request.path("AutoTerminationPolicy").path("IdleTimeout").isNumber()
                        ? Duration.ofSeconds(request.path("AutoTerminationPolicy").path("IdleTimeout").asLong()) : null);
        cluster.transitions.add(new Transition<>(at, ClusterState.STARTING, null, null));
        Instant provisioned = at.plus(timing.starting());
        if (clusterFailure != null) {
            cluster.transitions.add(new Transition<>(provisioned, ClusterState.TERMINATED_WITH_ERRORS, clusterFailure.code(),
                    clusterFailure.message()));
        } else {
            cluster.transitions.add(new Transition<>(provisioned, ClusterState.BOOTSTRAPPING, null,
                    "Running bootstrap actions"));
            cluster.transitions.add(new Transition<>(provisioned.plus(timing.bootstrapping()), ClusterState.WAITING, null,
                    "Cluster ready to run steps."));
        }
        clusters.put(id, cluster);
        return cluster;
    }

    private static List<String> serviceRules(JsonNode request) {
        List<String> problems = new ArrayList<>();
        String name = request.path("Name").asText("");
        if (name.isEmpty() || name.length() > 256) {
            problems.add("$.Name: required, 1 to 256 characters");
        }
        if (request.has("ReleaseLabel") && !RELEASE_LABEL.matcher(request.path("ReleaseLabel").asText()).matches()) {
            problems.add("$.ReleaseLabel: '" + request.path("ReleaseLabel").asText() + "' is not a release label (emr-x.y.z)");
        }
        JsonNode instances = request.path("Instances");
        if (!instances.isObject()) {
            problems.add("$.Instances: required");
        } else {
            if (!instances.path("KeepJobFlowAliveWhenNoSteps").asBoolean(false)) {
                problems.add("$.Instances.KeepJobFlowAliveWhenNoSteps: createCluster requires true");
            }
            fleetRules(instances.path("InstanceFleets"), problems);
        }
        if (request.has("Steps")) {
            problems.add("$.Steps: createCluster does not accept steps (use addStep)");
        }
        JsonNode idle = request.path("AutoTerminationPolicy").path("IdleTimeout");
        if (!idle.isMissingNode() && (idle.asLong() < 60 || idle.asLong() > 604_800)) {
            problems.add("$.AutoTerminationPolicy.IdleTimeout: " + idle + " is not within 60..604800 seconds");
        }
        int i = 0;
        for (JsonNode tag : request.path("Tags")) {
            if (tag.path("Key").asText("").isEmpty() || tag.path("Key").asText().length() > 128
                    || tag.path("Value").asText("").length() > 256) {
                problems.add("$.Tags[" + i + "]: a key of 1-128 characters and a value of at most 256");
            }
            i++;
        }
        return problems;
    }

    private static void fleetRules(JsonNode fleets, List<String> problems) {
        if (!fleets.isArray()) {
            return; // instance groups or a single instance type: not used by the pipeline, not checked further
        }
        int masters = 0;
        int cores = 0;
        for (int f = 0; f < fleets.size(); f++) {
            JsonNode fleet = fleets.get(f);
            String at = "$.Instances.InstanceFleets[" + f + "]";
            String type = fleet.path("InstanceFleetType").asText("");
            long capacity = fleet.path("TargetOnDemandCapacity").asLong(0) + fleet.path("TargetSpotCapacity").asLong(0);
            if (type.equals("MASTER")) {
                masters++;
                if (capacity != 1) {
                    problems.add(at + ": the MASTER fleet's target capacity must be 1, got " + capacity);
                }
            } else if (type.equals("CORE")) {
                cores++;
            }
            JsonNode configs = fleet.path("InstanceTypeConfigs");
            boolean strategy = fleet.path("LaunchSpecifications").path("SpotSpecification").has("AllocationStrategy")
                    || fleet.path("LaunchSpecifications").path("OnDemandSpecification").has("AllocationStrategy");
            int max = strategy ? 30 : 5;
            if (configs.size() < 1 || configs.size() > max) {
                problems.add(at + ".InstanceTypeConfigs: 1 to " + max + " instance types, got " + configs.size());
            }
            for (int c = 0; c < configs.size(); c++) {
                int v = 0;
                for (JsonNode device : configs.get(c).path("EbsConfiguration").path("EbsBlockDeviceConfigs")) {
                    JsonNode size = device.path("VolumeSpecification").path("SizeInGB");
                    if (!size.isIntegralNumber() || size.asLong() < 1 || size.asLong() > 16_384) {
                        problems.add(at + ".InstanceTypeConfigs[" + c + "].EbsConfiguration.EbsBlockDeviceConfigs[" + v
                                + "].VolumeSpecification.SizeInGB: an integer 1..16384, got " + size);
                    }
                    v++;
                }
            }
        }
        if (masters != 1) {
            problems.add("$.Instances.InstanceFleets: exactly one MASTER fleet, got " + masters);
        }
        if (cores > 1) {
            problems.add("$.Instances.InstanceFleets: at most one CORE fleet, got " + cores);
        }
    }

    /**
     * AddJobFlowSteps with one step. The cluster must be alive; the step waits for the cluster to be ready and for
     * the steps before it (step concurrency 1), then runs: for real, through the {@link #runSteps step runner}, taking
     * in virtual time what it took for real and ending as it ended; or simulated, for {@link EmrTiming#stepRunning()}.
     */
    public synchronized Step addStep(String clusterId, JsonNode stepConfig, Instant at) {
        Cluster cluster = require(clusterId, at);
        List<String> problems = new ArrayList<>(SdkModelValidator.validate(stepConfig, StepConfig::builder));
        if (stepConfig.path("Name").asText("").isEmpty()) {
            problems.add("$.Name: required");
        }
        if (!stepConfig.path("HadoopJarStep").path("Jar").isTextual()) {
            problems.add("$.HadoopJarStep.Jar: required");
        }
        if (!problems.isEmpty()) {
            throw EmrApiException.validation("AddJobFlowSteps request is invalid: " + String.join("; ", problems));
        }
        ClusterState state = cluster.stateAt(at);
        if (ENDED.contains(state)) {
            throw EmrApiException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
        }
        Instant ready = cluster.readyAt();
        if (ready == null) {
            throw EmrApiException.validation("Cluster " + clusterId + " will never be ready to run steps");
        }
        Instant start = later(at.plus(timing.stepPending()), ready);
        for (Step earlier : cluster.steps) {
            Instant end = earlier.endedAt();
            if (end != null) {
                start = later(start, end);
            }
        }
        Step step = new Step(newId("s-"), stepConfig.path("Name").asText(), stepConfig.deepCopy(),
                stepConfig.path("ActionOnFailure").asText("CONTINUE"), at);
        String logUri = request(cluster).path("LogUri").asText(null);
        StepFailure failure = stepFailure;
        Duration running = timing.stepRunning();
        if (stepFailure == null && stepRunner != null) {
            step.run = stepRunner.run(new StepRunner.Request(cluster.id, step.id, step.config, logUri));
            if (step.run.ran()) {
                running = step.run.took();
                failure = step.run.failure();
                step.logFile = step.run.logFile();
            }
        }
        Instant end = start.plus(running);
        step.transitions.add(new Transition<>(at, StepState.PENDING, null, null));
        step.transitions.add(new Transition<>(start, StepState.RUNNING, null, null));
        cluster.cutAfter(start);
        cluster.transitions.add(new Transition<>(start, ClusterState.RUNNING, null, "Running step"));
        if (failure == null) {
            step.transitions.add(new Transition<>(end, StepState.COMPLETED, null, null));
            cluster.transitions.add(new Transition<>(end, ClusterState.WAITING, null,
                    "Cluster ready after last step completed."));
        } else {
            step.transitions.add(new Transition<>(end, StepState.FAILED, failure.reason(), failure.message()));
            if (step.logFile == null) {
                step.logFile = (logUri == null ? "s3://logs/" : logUri) + cluster.id + "/steps/" + step.id + "/";
            }
            if (step.actionOnFailure.startsWith("TERMINATE")) {
                cluster.transitions.add(new Transition<>(end, ClusterState.TERMINATING, "STEP_FAILURE",
                        "Shut down as step failed"));
                cluster.transitions.add(new Transition<>(end.plus(timing.terminating()), ClusterState.TERMINATED_WITH_ERRORS,
                        "STEP_FAILURE", "Shut down as step failed"));
            } else {
                cluster.transitions.add(new Transition<>(end, ClusterState.WAITING, null,
                        "Cluster ready after last step failed."));
            }
        }
        cluster.steps.add(step);
        return step;
    }

    /**
     * TerminateJobFlows: TERMINATING now, TERMINATED after {@link EmrTiming#terminating()}; steps not finished are
     * CANCELLED. A cluster already terminating or terminated is left as it is (the call is idempotent). Returns the
     * instant the cluster is (or was) terminated.
     */
    public synchronized Instant terminate(String clusterId, Instant at) {
        Cluster cluster = require(clusterId, at);
        ClusterState state = cluster.stateAt(at);
        if (ENDED.contains(state)) {
            Instant end = cluster.terminatedAt();
            return end == null || end.isBefore(at) ? at : end;
        }
        cluster.cutAfter(at);
        for (Step step : cluster.steps) {
            StepState s = step.stateAt(at);
            if (s == StepState.PENDING || s == StepState.RUNNING) {
                step.cutAfter(at);
                step.transitions.add(new Transition<>(at, StepState.CANCELLED, null, "Job terminated"));
            }
        }
        cluster.transitions.add(new Transition<>(at, ClusterState.TERMINATING, "USER_REQUEST", "Terminated by user request"));
        Instant end = at.plus(timing.terminating());
        cluster.transitions.add(new Transition<>(end, ClusterState.TERMINATED, "USER_REQUEST", "Terminated by user request"));
        return end;
    }

    /** The cluster as DescribeCluster would show it at {@code at}; {@link EmrApiException} for an unknown id. */
    public synchronized Cluster describe(String clusterId, Instant at) {
        return require(clusterId, at);
    }

    /** Forgets every cluster (tests start each scenario from an empty EMR). */
    public synchronized void clear() {
        clusters.clear();
    }

    /** Every cluster created, in creation order. */
    public synchronized List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /**
     * Clusters that are not TERMINATED / TERMINATED_WITH_ERRORS at {@code at}, after applying what would happen by
     * then on its own (an auto-termination policy). The pipeline must leave none behind.
     */
    public synchronized List<Cluster> notTerminatedAt(Instant at) {
        List<Cluster> alive = new ArrayList<>();
        for (Cluster c : clusters.values()) {
            c.settle(at, timing);
            ClusterState s = c.stateAt(at);
            if (s != ClusterState.TERMINATED && s != ClusterState.TERMINATED_WITH_ERRORS) {
                alive.add(c);
            }
        }
        return alive;
    }

    private Cluster require(String clusterId, Instant at) {
        Cluster cluster = clusterId == null ? null : clusters.get(clusterId);
        if (cluster == null) {
            throw EmrApiException.invalidClusterId(clusterId);
        }
        cluster.settle(at, timing);
        return cluster;
    }

    private static JsonNode request(Cluster cluster) {
        return cluster.request;
    }

    private String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 13; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A cluster and its history. */
    public static final class Cluster {
        private final String id;
        private final String arn;
        private final String name;
        private final ObjectNode request;
        private final Instant createdAt;
        private final Duration idleTimeout;
        private final List<Transition<ClusterState>> transitions = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();

        private Cluster(String id, String arn, String name, JsonNode request, Instant createdAt, Duration idleTimeout) {
            this.id = id;
            this.arn = arn;
            this.name = name;
            this.request = (ObjectNode) request;
            this.createdAt = createdAt;
            this.idleTimeout = idleTimeout;
        }

        public String id() {
            return id;
        }

        public String arn() {
            return arn;
        }

        public String name() {
            return name;
        }

        /** The RunJobFlow request as received. */
        public JsonNode request() {
            return request;
        }

        public Instant createdAt() {
            return createdAt;
        }

        public List<Step> steps() {
            return Collections.unmodifiableList(steps);
        }

        public List<Transition<ClusterState>> transitions() {
            return Collections.unmodifiableList(transitions);
        }

        public Transition<ClusterState> transitionAt(Instant at) {
            Transition<ClusterState> current = transitions.get(0);
            for (Transition<ClusterState> t : transitions) {
                if (!t.at().isAfter(at)) {
                    current = t;
                }
            }
            return current;
        }

        public ClusterState stateAt(Instant at) {
            return transitionAt(at).state();
        }

        /** When the cluster first was WAITING (ready), or null if it never gets there. */
        public Instant readyAt() {
            for (Transition<ClusterState> t : transitions) {
                if (t.state() == ClusterState.WAITING) {
                    return t.at();
                }
                if (ENDED.contains(t.state())) {
                    return null;
                }
            }
            return null;
        }

        /** When the cluster is TERMINATED or TERMINATED_WITH_ERRORS, or null while it is not planned. */
        public Instant terminatedAt() {
            for (Transition<ClusterState> t : transitions) {
                if (t.state() == ClusterState.TERMINATED || t.state() == ClusterState.TERMINATED_WITH_ERRORS) {
                    return t.at();
                }
            }
            return null;
        }

        /** The final state planned so far (the last transition). */
        public Transition<ClusterState> last() {
            return transitions.get(transitions.size() - 1);
        }

        private void cutAfter(Instant at) {
            transitions.removeIf(t -> t.at().isAfter(at));
        }

        /** Applies the auto-termination policy up to {@code at}: WAITING for IdleTimeout ends the cluster. */
        private void settle(Instant at, EmrTiming timing) {
            Transition<ClusterState> last = last();
            if (idleTimeout == null || last.state() != ClusterState.WAITING) {
                return;
            }
            Instant idleEnd = last.at().plus(idleTimeout);
            if (!idleEnd.isAfter(at)) {
                String message = "Cluster was idle for " + idleTimeout.toSeconds() + " seconds: terminated by its"
                        + " auto-termination policy";
                transitions.add(new Transition<>(idleEnd, ClusterState.TERMINATING, "ALL_STEPS_COMPLETED", message));
                transitions.add(new Transition<>(idleEnd.plus(timing.terminating()), ClusterState.TERMINATED,
                        "ALL_STEPS_COMPLETED", message));
            }
        }
    }

    /** A step and its history. */
    public static final class Step {
        private final String id;
        private final String name;
        private final ObjectNode config;
        private final String actionOnFailure;
        private final Instant createdAt;
        private final List<Transition<StepState>> transitions = new ArrayList<>();
        private String logFile;
        private StepRun run;

        private Step(String id, String name, JsonNode config, String actionOnFailure, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.config = (ObjectNode) config;
            this.actionOnFailure = actionOnFailure;
            this.createdAt = createdAt;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public JsonNode config() {
            return config;
        }

        public String actionOnFailure() {
            return actionOnFailure;
        }

        public Instant createdAt() {
            return createdAt;
        }

        public String logFile() {
            return logFile;
        }

        /** How the step runner ran it (or why it simulated it); null when no step runner was set. */
        public StepRun run() {
            return run;
        }

        public List<Transition<StepState>> transitions() {
            return Collections.unmodifiableList(transitions);
        }

        public Transition<StepState> transitionAt(Instant at) {
            Transition<StepState> current = transitions.get(0);
            for (Transition<StepState> t : transitions) {
                if (!t.at().isAfter(at)) {
                    current = t;
                }
            }
            return current;
        }

        public StepState stateAt(Instant at) {
            return transitionAt(at).state();
        }

        /** The final transition planned (COMPLETED, FAILED or CANCELLED). */
        public Transition<StepState> last() {
            return transitions.get(transitions.size() - 1);
        }

        /** When the step started RUNNING, or null. */
        public Instant startedAt() {
            for (Transition<StepState> t : transitions) {
                if (t.state() == StepState.RUNNING) {
                    return t.at();
                }
            }
            return null;
        }

        /** When the step ended (COMPLETED, FAILED, CANCELLED), or null while it is not planned. */
        public Instant endedAt() {
            Transition<StepState> last = last();
            return last.state() == StepState.PENDING || last.state() == StepState.RUNNING ? null : last.at();
        }

        private void cutAfter(Instant at) {
            transitions.removeIf(t -> t.at().isAfter(at));
        }
    }
}
