package emrpipeline.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole execution input once, before anything starts: every key known, every value of its JSON type,
 * integers where integers are needed, every range, and a run id every later use accepts. Reads nothing (the re-run
 * check, which reads, is {@link RunLedger#validateInput}). Each refusal names the field.
 *
 * <p>Why each limit: a run id goes into S3 keys ({@code manifests/<runId>.json}, the sizing function's rule: 1 to 80
 * of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit, which the ledger's own rule contains), the cluster
 * name {@code <stack>-<runId>} (EMR: at most 256 characters), a tag value and the step name (256). The job timeout is
 * the RunJob task's TimeoutSecondsPath: a whole number in the range the time budget allows. The sizing object's
 * values are checked again, by range, by the sizing function's own validator ({@code validateOnly}) before BeginRun.
 */
public final class ExecutionInputValidator {
    /** The sizing function's run id rule (functions/storage-sizing SizingRequestValidator.RUN_ID), the strictest use. */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    /**
     * EMR: cluster name at most 256 characters (RunJobFlow Name,
     * https://docs.aws.amazon.com/emr/latest/APIReference/API_RunJobFlow.html); the definition names it
     * {@code <stack>-<runId>}.
     */
    static final int EMR_NAME_MAX = 256;
    /**
     * EMR: a step argument is a string of at most 10,280 characters
     * (https://docs.aws.amazon.com/emr/latest/APIReference/API_HadoopJarStepConfig.html); jobArguments, merged over
     * the template's JobArgumentsJson, travel as one.
     */
    static final int STEP_ARGUMENT_MAX = 10_280;
    static final Set<String> KEYS = Set.of("runId", "trigger", "coreMarket", "sizing", "jobArguments", "jobTimeoutSeconds");
    /** The sizing knobs an execution input may set (functions/storage-sizing StorageSizingRequest, but runId). */
    static final Set<String> SIZING_KEYS = Set.of("rawPrefix", "coreNodeCount", "volumesPerInstance", "expansionFactor",
            "headroomGib", "minGib", "maxGib", "listConcurrency", "fullReconciliation", "lookBackPartitions",
            "fullReconciliationDays");

    private final ExecutionInputLimits limits;

    public ExecutionInputValidator(ExecutionInputLimits limits) {
        this.limits = limits;
    }

    /** The run id the execution will use (the input's, else the execution's name), when the input is valid. */
    public String validate(Object input, String executionName) {
        if (!(input instanceof Map<?, ?> map)) {
            throw invalid("input", "must be a JSON object (or {}), got " + type(input));
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw invalid(String.valueOf(key), "is not a setting of the pipeline; the input's keys are " + List.copyOf(new java.util.TreeSet<>(KEYS)));
            }
        }
        String runId = executionName;
        String runIdField = "the execution's name (the default runId)";
        if (map.containsKey("runId")) {
            runId = string(map.get("runId"), "runId");
            runIdField = "runId";
        }
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw invalid(runIdField.equals("runId") ? "runId" : "runId", (runIdField.equals("runId") ? "" : "(not given, so " + runIdField + ") ")
                    + "must be 1 to 80 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, got \"" + abbreviate(runId) + "\"");
        }
        int nameLength = limits.stackName().length() + 1 + runId.length();
        if (nameLength > EMR_NAME_MAX) {
            throw invalid("runId", "makes the cluster name '" + limits.stackName() + "-" + abbreviate(runId) + "' "
                    + nameLength + " characters long; EMR allows " + EMR_NAME_MAX);
        }
        if (map.containsKey("trigger")) {
            String trigger = string(map.get("trigger"), "trigger");
            if (!trigger.equals("manual") && !trigger.equals("schedule")) {
                throw invalid("trigger", "must be \"manual\" or \"schedule\", got \"" + abbreviate(trigger) + "\"");
            }
        }
        if (map.containsKey("coreMarket")) {
            String market = string(map.get("coreMarket"), "coreMarket");
            if (!market.equals("SPOT") && !market.equals("ON_DEMAND")) {
                throw invalid("coreMarket", "must be \"SPOT\" or \"ON_DEMAND\", got \"" + abbreviate(market) + "\"");
            }
        }
        if (map.containsKey("jobTimeoutSeconds")) {
            long seconds = wholeNumber(map.get("jobTimeoutSeconds"), "jobTimeoutSeconds");
            if (seconds < limits.jobTimeoutMinSeconds() || seconds > limits.jobTimeoutMaxSeconds()) {
                throw invalid("jobTimeoutSeconds", "must be " + limits.jobTimeoutMinSeconds() + " to "
                        + limits.jobTimeoutMaxSeconds() + " (the run's 12 hours keep room for everything else and the cleanup), got " + seconds);
            }
        }
        if (map.containsKey("jobArguments")) {
            Object arguments = map.get("jobArguments");
            if (!(arguments instanceof Map<?, ?>)) {
                throw invalid("jobArguments", "must be a JSON object (merged over JobArgumentsJson), got " + type(arguments));
            }
            int length = CompactJson.write(arguments).getBytes(StandardCharsets.UTF_8).length;
            if (length > STEP_ARGUMENT_MAX / 2) {
                throw invalid("jobArguments", "is " + length + " bytes of JSON; with the template's JobArgumentsJson it "
                        + "travels as one step argument, which EMR limits to " + STEP_ARGUMENT_MAX + " characters: keep it under "
                        + STEP_ARGUMENT_MAX / 2);
            }
        }
        if (map.containsKey("sizing")) {
            if (!(map.get("sizing") instanceof Map<?, ?> sizing)) {
                throw invalid("sizing", "must be a JSON object of sizing knobs, got " + type(map.get("sizing")));
            }
            for (Map.Entry<?, ?> knob : sizing.entrySet()) {
                String name = String.valueOf(knob.getKey());
                if (!SIZING_KEYS.contains(name)) {
                    throw invalid("sizing." + name, "is not a sizing knob; the knobs are " + List.copyOf(new java.util.TreeSet<>(SIZING_KEYS)));
                }
                Object value = knob.getValue();
                if (name.equals("rawPrefix")) {
                    string(value, "sizing.rawPrefix");
                } else if (name.equals("fullReconciliation")) {
                    if (!(value instanceof Boolean)) {
                        throw invalid("sizing.fullReconciliation", "must be a JSON boolean (true or false), got " + type(value));
                    }
                } else if (name.equals("expansionFactor") || name.equals("headroomGib")) {
                    number(value, "sizing." + name);
                } else {
                    long n = wholeNumber(value, "sizing." + name);
                    long max = switch (name) {
                        case "coreNodeCount" -> LedgerRequestValidator.MAX_CORE_NODES;
                        case "volumesPerInstance" -> LedgerRequestValidator.MAX_VOLUMES_PER_INSTANCE;
                        case "minGib", "maxGib" -> LedgerRequestValidator.MAX_EBS_GIB;
                        default -> Long.MAX_VALUE;
                    };
                    if (n > max) {
                        // The run ledger prices the run with these figures at its end: a value it would refuse then
                        // is refused now, before anything starts.
                        throw invalid("sizing." + name, "must be at most " + max + ", got " + n);
                    }
                }
            }
        }
        return runId;
    }

    private static String string(Object value, String field) {
        if (!(value instanceof String s)) {
            throw invalid(field, "must be a JSON string, got " + type(value));
        }
        return s;
    }

    private static BigDecimal number(Object value, String field) {
        if (!(value instanceof Number n) || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw invalid(field, "must be a JSON number, got " + type(value));
        }
        return new BigDecimal(n.toString());
    }

    /** A JSON integer: no fraction and no decimal point (a task's TimeoutSecondsPath takes an integer). */
    private static long wholeNumber(Object value, String field) {
        BigDecimal n = number(value, field);
        if (!(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                || value instanceof Short || value instanceof Byte)) {
            throw invalid(field, "must be a whole number (a JSON integer, without a decimal point), got " + n.toPlainString());
        }
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(field, "is out of range: " + n.toPlainString());
        }
    }

    private static String type(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number (" + value + ")";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    static InvalidExecutionInputException invalid(String field, String reason) {
        return new InvalidExecutionInputException(field + ": " + reason);
    }
}
