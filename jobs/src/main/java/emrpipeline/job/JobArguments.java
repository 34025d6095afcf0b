package emrpipeline.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments the state machine passes (statemachine/pipeline.asl.json, PySparkJobArguments / JarJobArguments):
 * {@code --manifest s3://<bucket>/<PipelinePrefix>manifests/<runId>.json --output s3://<bucket>/<OutputPrefix><runId>/
 * --run-id <runId> --job-arguments <JSON object>}.
 *
 * <p>The output must be a folder named after the run id: the job replaces everything under it, so an output that
 * is not this run's own folder (a typo, a prefix shared by every run) is refused rather than emptied.
 *
 * @param manifest     the run's manifest
 * @param output       the run's output folder, ending with {@code /<runId>/}
 * @param runId        the run id (the execution name, or the run id of a re-run)
 * @param jobArguments the JSON object of {@code --job-arguments} (template JobArgumentsJson merged with the
 *                     execution input's jobArguments); {@code {}} when absent
 */
public record JobArguments(URI manifest, URI output, String runId, ObjectNode jobArguments) {
    static final String USAGE = "usage: --manifest s3://BUCKET/KEY.json --output s3://BUCKET/PREFIX/RUN_ID/ --run-id RUN_ID"
            + " [--job-arguments JSON_OBJECT]";
    /** Step Functions execution names: 1 to 80 of letters, digits, '-' and '_'. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code args}; {@link InvalidJobInputException} naming the argument when one is missing or wrong. */
    public static JobArguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.equals("--manifest") && !name.equals("--output") && !name.equals("--run-id")
                    && !name.equals("--job-arguments")) {
                throw new InvalidJobInputException("unknown argument '" + name + "'; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new InvalidJobInputException(name + " needs a value; " + USAGE);
            }
            if (values.put(name, args[++i]) != null) {
                throw new InvalidJobInputException(name + " is given more than once");
            }
        }
        String runId = required(values, "--run-id");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new InvalidJobInputException("--run-id '" + runId + "' is not a run id (1 to 80 letters, digits, '-' or '_')");
        }
        URI manifest = s3Uri(required(values, "--manifest"), "--manifest");
        if (manifest.getPath().endsWith("/")) {
            throw new InvalidJobInputException("--manifest " + manifest + " names a folder, not the manifest object");
        }
        URI output = s3Uri(required(values, "--output"), "--output");
        if (!output.getPath().endsWith("/" + runId + "/")) {
            throw new InvalidJobInputException("--output " + output + " is not this run's own folder (it must end with /"
                    + runId + "/): the job replaces everything under it");
        }
        return new JobArguments(manifest, output, runId, jobArguments(values.getOrDefault("--job-arguments", "{}")));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidJobInputException(name + " is required; " + USAGE);
        }
        return value;
    }

    private static URI s3Uri(String text, String name) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidJobInputException(name + " '" + text + "' is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getAuthority() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new InvalidJobInputException(name + " '" + text + "' is not a URI like s3://bucket/key");
        }
        return uri;
    }

    private static ObjectNode jobArguments(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidJobInputException("--job-arguments is not JSON: " + e.getOriginalMessage());
        }
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidJobInputException("--job-arguments must be a JSON object, got " + text);
        }
        return object;
    }
}
