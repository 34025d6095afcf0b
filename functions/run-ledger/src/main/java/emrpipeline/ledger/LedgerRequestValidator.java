package emrpipeline.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link LedgerRequest} into a {@link LedgerCommand}, or throws {@link InvalidLedgerRequestException}
 * naming the field and the reason. It reads and writes nothing, so a bad request never leaves a trace.
 */
public final class LedgerRequestValidator {

    /** Run ids go into DynamoDB keys and S3 keys ({@code manifests/<runId>.json}): a safe, bounded alphabet. */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+=@-]{0,127}");
    /** {@code arn:<partition>:states:<region>:<account>:execution|express:<state machine>:<name>[:<id>]}. */
    static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:[a-z0-9-]+:states:[a-z0-9-]*:[0-9]*:(execution|express):[^\\s:]+:[^\\s]+");
    static final int EXECUTION_ARN_MAX = 2048;
    static final Pattern EXECUTION_NAME = Pattern.compile("\\S{1,256}");
    static final Pattern CLUSTER_ID = Pattern.compile("j-[A-Za-z0-9]{1,64}");
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.[a-z0-9-]+");
    /** The cost input's ranges; the execution input's sizing knobs are held to them before BeginRun too. */
    static final int MAX_CORE_NODES = 10_000;
    static final int MAX_EBS_GIB = 16_384;
    static final int MAX_VOLUMES_PER_INSTANCE = 64;
    /** S3's limit on a key, in bytes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
    static final int MAX_KEY_LENGTH = 1024;
    /** Longer than any EC2 instance type name. */
    static final int MAX_INSTANCE_TYPE_LENGTH = 64;

    private final LedgerSettings settings;
    private final Clock clock;
    private final ExecutionInputValidator inputs;

    public LedgerRequestValidator(LedgerSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** {@code limits}: for the validate action; null when the environment does not configure it. */
    public LedgerRequestValidator(LedgerSettings settings, Clock clock, ExecutionInputLimits limits) {
        this.settings = settings;
        this.clock = clock;
        this.inputs = limits == null ? null : new ExecutionInputValidator(limits);
    }

    public LedgerCommand validate(LedgerRequest request) {
        if (request == null) {
            throw invalid("request", "is missing (send a JSON object with an \"action\")");
        }
        String action = request.getAction();
        if (action == null || action.isBlank()) {
            throw invalid("action", "is required: " + LedgerAction.all());
        }
        LedgerAction known = LedgerAction.of(action).orElseThrow(() -> invalid("action", "unknown action \"" + action
                + "\": expected " + LedgerAction.all()));
        return switch (known) {
            case BEGIN -> begin(request);
            case RECORD_CLUSTER -> recordCluster(request);
            case FINISH -> finish(request);
            case CLOSE -> close(request);
            case VALIDATE -> validateInput(request);
            case COMMIT -> commit(request);
            case RELEASE -> new LedgerCommand.Release(runId(request), executionArn(request));
        };
    }

    private LedgerCommand.Begin begin(LedgerRequest r) {
        String runId = runId(r);
        String arn = executionArn(r);
        String name = r.getExecutionName();
        if (name == null || name.isBlank()) {
            name = arn.substring(arn.lastIndexOf(':') + 1);
        } else if (!EXECUTION_NAME.matcher(name).matches()) {
            throw invalid("executionName", "must be 1-256 characters without white space");
        }
        Trigger trigger = Trigger.MANUAL;
        if (r.getTrigger() != null && !r.getTrigger().isBlank()) {
            trigger = switch (r.getTrigger().trim().toLowerCase(Locale.ROOT)) {
                case "schedule" -> Trigger.SCHEDULE;
                case "manual" -> Trigger.MANUAL;
                default -> throw invalid("trigger", "must be \"schedule\" or \"manual\", got \"" + r.getTrigger() + "\"");
            };
        }
        Instant startedAt = instant(r.getStartedAt(), "startedAt");
        Map<String, Object> input = r.getInput() == null ? Map.of() : new LinkedHashMap<>(r.getInput());
        return new LedgerCommand.Begin(runId, arn, name, trigger, startedAt == null ? clock.instant() : startedAt, input);
    }

    private LedgerCommand.RecordCluster recordCluster(LedgerRequest r) {
        String runId = runId(r);
        String arn = executionArn(r);
        String clusterId = required(r.getClusterId(), "clusterId", "is required for recordCluster");
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw invalid("clusterId", "must be an EMR cluster id like j-2AXXXXXXGAPLF, got \"" + clusterId + "\"");
        }
        return new LedgerCommand.RecordCluster(runId, arn, clusterId, instant(r.getClusterRequestedAt(), "clusterRequestedAt"));
    }

    private LedgerCommand.Finish finish(LedgerRequest r) {
        String runId = runId(r);
        String arn = executionArn(r);
        String statusText = required(r.getStatus(), "status", "is required for finish: SUCCEEDED, FAILED or SKIPPED");
        RunStatus status;
        try {
            status = RunStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status == null || !RunStatus.FINISH_STATUSES.contains(status)) {
            throw invalid("status", "unknown finish status \"" + statusText + "\": expected SUCCEEDED, FAILED or SKIPPED");
        }
        S3Location manifest = null;
        if (r.getManifestUri() != null && !r.getManifestUri().isBlank()) {
            if (status == RunStatus.SKIPPED) {
                throw invalid("manifestUri", "is not allowed with status SKIPPED (a skipped run processes nothing)");
            }
            manifest = manifestLocation(r.getManifestUri());
        }
        boolean keepLease = bool(r.getKeepLease(), "keepLease");
        if (keepLease && !status.isFailure()) {
            throw invalid("keepLease", "is only for a failed run whose cluster may still be running, not " + status);
        }
        return new LedgerCommand.Finish(runId, arn, status, manifest, blankToNull(r.getError()),
                blankToNull(r.getCause()), blankToNull(r.getFailedState()), blankToNull(r.getReason()), cost(r.getCost()),
                blankToNull(r.getCleanup()), keepLease);
    }

    /** The execution input as the state machine received it ({@code input}), and the execution's name and ARN. */
    private LedgerCommand.ValidateInput validateInput(LedgerRequest r) {
        if (inputs == null) {
            throw new LedgerConfigurationException("validate needs STACK_NAME, JOB_TIMEOUT_MIN_SECONDS and "
                    + "JOB_TIMEOUT_MAX_SECONDS in the function's environment");
        }
        String arn = executionArn(r);
        String name = r.getExecutionName();
        if (name == null || name.isBlank()) {
            name = arn.substring(arn.lastIndexOf(':') + 1);
        }
        String runId = inputs.validate(r.getRawInput(), name);
        return new LedgerCommand.ValidateInput(runId, arn);
    }

    private LedgerCommand.Close close(LedgerRequest r) {
        String runId = runId(r);
        String arn = executionArn(r);
        String statusText = r.getStatus();
        RunStatus status = null;
        if (statusText != null) {
            try {
                status = RunStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                status = null;
            }
        }
        if (status == null || !RunStatus.CLOSE_STATUSES.contains(status)) {
            throw invalid("status", "close needs the execution's end: FAILED, TIMED_OUT or ABORTED, got "
                    + (statusText == null ? "nothing" : "\"" + abbreviate(statusText) + "\""));
        }
        return new LedgerCommand.Close(runId, arn, status, blankToNull(r.getError()), blankToNull(r.getCause()),
                blankToNull(r.getReason()));
    }

    private static boolean bool(String text, String field) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, "must be true or false, got \"" + abbreviate(text) + "\"");
        };
    }

    private LedgerCommand.Commit commit(LedgerRequest r) {
        String runId = runId(r);
        String manifestUri = required(r.getManifestUri(), "manifestUri", "is required for commit");
        return new LedgerCommand.Commit(runId, manifestLocation(manifestUri));
    }

    private ClusterShape cost(CostInput c) {
        if (c == null) {
            return null;
        }
        boolean spot = false;
        if (c.getCoreMarket() != null && !c.getCoreMarket().isBlank()) {
            spot = switch (c.getCoreMarket().trim().toUpperCase(Locale.ROOT)) {
                case "SPOT" -> true;
                case "ON_DEMAND" -> false;
                default -> throw invalid("cost.coreMarket", "must be SPOT or ON_DEMAND, got \"" + c.getCoreMarket() + "\"");
            };
        }
        return new ClusterShape(
                instanceType(c.getMasterInstanceType(), "cost.masterInstanceType"),
                instanceType(c.getCoreInstanceType(), "cost.coreInstanceType"),
                integer(c.getCoreNodeCount(), "cost.coreNodeCount", 0, MAX_CORE_NODES),
                spot,
                integer(c.getEbsGibPerVolume(), "cost.ebsGibPerVolume", 0, MAX_EBS_GIB),
                integer(c.getVolumesPerInstance(), "cost.volumesPerInstance", 0, MAX_VOLUMES_PER_INSTANCE));
    }

    /** Validates a manifest URI: in the data bucket, under {@code <pipelinePrefix>manifests/}, a {@code .json} key. */
    S3Location manifestLocation(String uri) {
        S3Location location = S3Location.parseOrNull(uri.trim());
        if (location == null) {
            throw invalid("manifestUri", "must be s3://<bucket>/<key>, got \"" + uri + "\"");
        }
        String key = location.key();
        if (!location.bucket().equals(settings.dataBucket())
                || !key.startsWith(settings.manifestsPrefix())
                || key.length() == settings.manifestsPrefix().length()
                || !key.endsWith(".json")
                || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_LENGTH
                || key.contains("//") || key.contains("/../") || key.contains("/./") || key.chars().anyMatch(Character::isISOControl)) {
            throw invalid("manifestUri", "must be a .json object under s3://" + settings.dataBucket() + "/"
                    + settings.manifestsPrefix() + " (the pipeline's manifests), got \"" + uri + "\"");
        }
        return location;
    }

    private static String runId(LedgerRequest r) {
        String runId = required(r.getRunId(), "runId", "is required");
        if (!RUN_ID.matcher(runId).matches()) {
            throw invalid("runId", "must be 1-128 characters of A-Z a-z 0-9 . _ : + = @ - (starting with a letter or digit), got \""
                    + abbreviate(runId) + "\"");
        }
        return runId;
    }

    private static String executionArn(LedgerRequest r) {
        String arn = required(r.getExecutionArn(), "executionArn", "is required for " + r.getAction());
        if (arn.length() > EXECUTION_ARN_MAX || !EXECUTION_ARN.matcher(arn).matches()) {
            throw invalid("executionArn", "must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>), got \""
                    + abbreviate(arn) + "\"");
        }
        return arn;
    }

    /** {@code text}, or the refusal {@code field} {@code refusal} when it is missing or blank. */
    private static String required(String text, String field, String refusal) {
        if (text == null || text.isBlank()) {
            throw invalid(field, refusal);
        }
        return text;
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeException e2) {
                throw invalid(field, "must be an ISO-8601 instant like 2026-11-21T06:00:00.000Z, got \"" + abbreviate(text) + "\"");
            }
        }
    }

    private static String instanceType(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String type = text.trim();
        if (type.length() > MAX_INSTANCE_TYPE_LENGTH || !INSTANCE_TYPE.matcher(type).matches()) {
            throw invalid(field, "must be an EC2 instance type like m5.xlarge, got \"" + abbreviate(text) + "\"");
        }
        return type;
    }

    private static Integer integer(String text, String field, int min, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "must be an integer, got \"" + abbreviate(text) + "\"");
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw invalid(field, "must be an integer, got \"" + text + "\"");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(field, "must be between " + min + " and " + max + ", got " + text);
        }
        return value.intValueExact();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    static InvalidLedgerRequestException invalid(String field, String reason) {
        return new InvalidLedgerRequestException(field + ": " + reason);
    }
}
