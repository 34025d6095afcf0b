package emrpipeline.sizing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a {@link StorageSizingRequest} plus the environment's {@link SizingDefaults} into a {@link SizingJob},
 * or throws {@link InvalidSizingRequestException} naming the field. Pure: no I/O.
 */
public final class SizingRequestValidator {
    /** Safe as an S3 key segment and a DynamoDB key: Step Functions execution names, UUIDs and dates fit. */
    static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$");
    private static final Pattern BUCKET_CHARS = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern IP_ADDRESS = Pattern.compile("^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$");
    /** Whole numbers; "4.0" is accepted because JSON numbers may arrive as floats. No sign, no exponent. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^\\d{1,9}(\\.0+)?$");
    /** Non-negative decimals, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("^\\d{1,9}(\\.\\d{1,9})?$");
    static final int MAX_LIST_CONCURRENCY = 64;
    /** The index root remembers the watermark and the 31 committed partitions below it. */
    static final int MAX_LOOK_BACK_PARTITIONS = 31;
    static final int MAX_FULL_RECONCILIATION_DAYS = 366;
    private static final int MAX_PREFIX_BYTES = 900; // leaves room for "manifests/<runId>.json" in a 1,024-byte key

    private final SizingDefaults defaults;

    public SizingRequestValidator(SizingDefaults defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    public SizingJob validate(StorageSizingRequest request) {
        if (request == null) {
            throw new InvalidSizingRequestException("runId", "required: the input is empty");
        }
        String runId = request.getRunId();
        if (runId == null || runId.isBlank()) {
            throw new InvalidSizingRequestException("runId", "required (e.g. the Step Functions execution name)");
        }
        if (!RUN_ID.matcher(runId).matches()) {
            throw new InvalidSizingRequestException("runId", "must match " + RUN_ID.pattern()
                    + " (1-80 letters, digits, '.', '_', '-'; starting with a letter or digit), got " + quote(runId));
        }

        Value bucket = value("bucket", request.getBucket(), defaults.bucket(), SizingDefaults.DATA_BUCKET);
        String bucketProblem = bucketNameProblem(bucket.text);
        if (bucketProblem != null) {
            throw bucket.invalid(bucketProblem);
        }
        Value rawPrefix = value("rawPrefix", request.getRawPrefix(), defaults.rawPrefix(), SizingDefaults.RAW_PREFIX);
        checkPrefix(rawPrefix, true);
        Value pipelinePrefix = value("pipelinePrefix", request.getPipelinePrefix(), defaults.pipelinePrefix(),
                SizingDefaults.PIPELINE_PREFIX);
        checkPrefix(pipelinePrefix, false);
        if (rawPrefix.text.startsWith(pipelinePrefix.text)) {
            throw rawPrefix.invalid("must not lie inside pipelinePrefix " + quote(pipelinePrefix.text)
                    + " (the pipeline's own objects are never raw data)");
        }

        int coreNodeCount = wholeNumber(value("coreNodeCount", request.getCoreNodeCount(), defaults.coreNodeCount(),
                SizingDefaults.CORE_NODE_COUNT), 1, Integer.MAX_VALUE);
        int volumesPerInstance = wholeNumber(value("volumesPerInstance", request.getVolumesPerInstance(),
                defaults.volumesPerInstance(), SizingDefaults.VOLUMES_PER_INSTANCE), 1, Integer.MAX_VALUE);
        Value expansion = value("expansionFactor", request.getExpansionFactor(), defaults.expansionFactor(),
                SizingDefaults.EXPANSION_FACTOR);
        BigDecimal expansionFactor = decimal(expansion);
        if (expansionFactor.signum() == 0) {
            throw expansion.invalid("must be a number > 0 (bytes on disk per byte of input), got " + expansion.shown());
        }
        Value headroom = value("headroomGib", request.getHeadroomGib(), defaults.headroomGib(),
                SizingDefaults.HEADROOM_GIB);
        BigDecimal headroomGib = decimal(headroom);
        if (headroomGib.compareTo(BigDecimal.valueOf(EbsSizing.GP3_MAX_GIB)) > 0) {
            throw headroom.invalid("must be at most " + EbsSizing.GP3_MAX_GIB + " GiB, got " + headroom.shown());
        }
        Value min = value("minGib", request.getMinGib(), defaults.minGib(), SizingDefaults.MIN_GIB);
        int minGib = wholeNumber(min, 1, EbsSizing.GP3_MAX_GIB);
        Value max = value("maxGib", request.getMaxGib(), defaults.maxGib(), SizingDefaults.MAX_GIB);
        int maxGib = wholeNumber(max, 1, EbsSizing.GP3_MAX_GIB);
        if (minGib > maxGib) {
            throw min.invalid("must not exceed maxGib (" + maxGib + "), got " + minGib);
        }
        int listConcurrency = wholeNumber(value("listConcurrency", request.getListConcurrency(),
                defaults.listConcurrency(), SizingDefaults.LIST_CONCURRENCY), 1, MAX_LIST_CONCURRENCY);

        boolean fullReconciliation = bool("fullReconciliation", request.getFullReconciliation());
        int lookBackPartitions = wholeNumber(value("lookBackPartitions", request.getLookBackPartitions(),
                defaults.lookBackPartitions(), SizingDefaults.LOOK_BACK_PARTITIONS), 0, MAX_LOOK_BACK_PARTITIONS);
        int fullReconciliationDays = wholeNumber(value("fullReconciliationDays", request.getFullReconciliationDays(),
                defaults.fullReconciliationDays(), SizingDefaults.FULL_RECONCILIATION_DAYS), 0,
                MAX_FULL_RECONCILIATION_DAYS);

        return new SizingJob(runId, bucket.text, rawPrefix.text, pipelinePrefix.text,
                new EbsSizing.Parameters(coreNodeCount, volumesPerInstance, expansionFactor, headroomGib, minGib, maxGib),
                listConcurrency, fullReconciliation, lookBackPartitions, fullReconciliationDays);
    }

    /**
     * Why {@code name} is not a valid general purpose bucket name, or null when it is
     * (rules of the S3 User Guide, "General purpose bucket naming rules").
     */
    static String bucketNameProblem(String name) {
        if (name.isBlank()) {
            return "must not be blank";
        }
        if (!BUCKET_CHARS.matcher(name).matches()) {
            return "must be 3-63 characters of lower-case letters, digits, '.' and '-', starting and ending with a"
                    + " letter or digit, got " + quote(name);
        }
        if (name.contains("..")) {
            return "must not contain two adjacent periods, got " + quote(name);
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "must not be formatted as an IP address, got " + quote(name);
        }
        for (String reserved : new String[] {"xn--", "sthree-", "amzn-s3-demo-"}) {
            if (name.startsWith(reserved)) {
                return "must not start with the reserved prefix " + quote(reserved) + ", got " + quote(name);
            }
        }
        for (String reserved : new String[] {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
            if (name.endsWith(reserved)) {
                return "must not end with the reserved suffix " + quote(reserved) + ", got " + quote(name);
            }
        }
        return null;
    }

    private static void checkPrefix(Value prefix, boolean mayBeEmpty) {
        String text = prefix.text;
        if (text.isEmpty()) {
            if (mayBeEmpty) {
                return;
            }
            throw prefix.invalid("must not be empty");
        }
        if (text.startsWith("/")) {
            throw prefix.invalid("must not start with '/' (S3 keys have no leading slash), got " + prefix.shown());
        }
        if (text.contains("..")) {
            throw prefix.invalid("must not contain '..', got " + prefix.shown());
        }
        if (!text.endsWith("/")) {
            throw prefix.invalid("must end with '/', got " + prefix.shown());
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw prefix.invalid("must be at most " + MAX_PREFIX_BYTES + " bytes long");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw prefix.invalid("must not contain control characters, got " + prefix.shown());
            }
        }
    }

    private static int wholeNumber(Value v, int min, int max) {
        String text = v.text.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw v.invalid("must be a whole number from " + min + " to " + max + ", got " + v.shown());
        }
        long parsed = new BigDecimal(text).longValueExact();
        if (parsed < min || parsed > max) {
            throw v.invalid("must be a whole number from " + min + " to " + max + ", got " + v.shown());
        }
        return (int) parsed;
    }

    /** The request's {@code validateOnly}: {@code true} or {@code false} (absent: false); anything else is refused. */
    public SizingMode mode(StorageSizingRequest request) {
        return bool("validateOnly", request.getValidateOnly()) ? SizingMode.VALIDATE_ONLY : SizingMode.SIZE;
    }

    /** {@code true} or {@code false} (a JSON boolean arrives as that text); absent is false. Request only. */
    private static boolean bool(String field, String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new InvalidSizingRequestException(field, "must be true or false, got " + quote(text));
    }

    private static BigDecimal decimal(Value v) {
        String text = v.text.strip();
        if (!DECIMAL.matcher(text).matches()) {
            throw v.invalid("must be a non-negative decimal number such as 3 or 2.5, got " + v.shown());
        }
        return new BigDecimal(text);
    }

    private static Value value(String field, String fromRequest, String fromEnvironment, String variable) {
        if (fromRequest != null) {
            return new Value(field, fromRequest, null);
        }
        if (fromEnvironment != null) {
            return new Value(field, fromEnvironment, variable);
        }
        throw new InvalidSizingRequestException(field,
                "required: not in the input and environment variable " + variable + " is not set");
    }

    static String quote(String s) {
        return '"' + (s.length() > 120 ? s.substring(0, 120) + "..." : s) + '"';
    }

    /** A field's text and where it came from (the input, or an environment variable). */
    private record Value(String field, String text, String variable) {
        String shown() {
            return quote(text) + (variable == null ? "" : " (from environment variable " + variable + ")");
        }

        InvalidSizingRequestException invalid(String reason) {
            String source = " (from environment variable " + variable + ")";
            return new InvalidSizingRequestException(field,
                    variable == null || reason.contains(source) ? reason : reason + source);
        }
    }
}
