package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Wait: moves the virtual clock by Seconds / SecondsPath, or to Timestamp / TimestampPath (a time
 * in the past does not wait). Paths apply to the effective input (after InputPath) and must select
 * a non-negative integer or a timestamp string ({@code States.Runtime} otherwise).
 */
final class WaitState extends NextOrEndState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "InputPath",
            "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath");
    private static final long MAX_SECONDS = 99_999_999L;

    private final IoProcessing io;
    private final Long seconds;
    private final Instant timestamp;
    private final String secondsPath;
    private final String timestampPath;

    private WaitState(String name, String next, String location, IoProcessing io, Long seconds, Instant timestamp,
                      String secondsPath, String timestampPath) {
        super(name, next, location);
        this.io = io;
        this.seconds = seconds;
        this.timestamp = timestamp;
        this.secondsPath = secondsPath;
        this.timestampPath = timestampPath;
    }

    static WaitState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        int given = 0;
        for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            given += node.has(f) ? 1 : 0;
        }
        if (given != 1) {
            problems.add("A Wait state must contain exactly one of Seconds, SecondsPath, Timestamp or TimestampPath at "
                    + location);
        }
        Long seconds = null;
        if (node.has("Seconds")) {
            JsonNode s = node.get("Seconds");
            if (!Json.isIntegral(s) || s.asLong() < 0 || s.asLong() > MAX_SECONDS) {
                problems.add("The value of Seconds must be an integer from 0 to " + MAX_SECONDS + " at " + location + "/Seconds");
            } else {
                seconds = s.asLong();
            }
        }
        Instant timestamp = null;
        if (node.has("Timestamp")) {
            JsonNode t = node.get("Timestamp");
            timestamp = t.isTextual() ? Timestamps.parse(t.textValue()) : null;
            if (timestamp == null) {
                problems.add("The value of Timestamp must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z at "
                        + location + "/Timestamp");
            }
        }
        return new WaitState(name, StateParsing.next(node, location, problems), location,
                IoProcessing.parse(node, location, false, false, false, problems), seconds, timestamp,
                StateParsing.referencePath(node, "SecondsPath", location, problems),
                StateParsing.referencePath(node, "TimestampPath", location, problems));
    }

    @Override
    String type() {
        return "Wait";
    }

    @Override
    Step execute(StateRun run) {
        run.entered();
        JsonNode context = run.context(null);
        JsonNode effective = io.selectInput(run.input, context);
        Instant now = run.strand.clock.now();
        Instant until;
        if (seconds != null) {
            until = now.plusSeconds(seconds);
        } else if (timestamp != null) {
            until = timestamp;
        } else if (secondsPath != null) {
            JsonNode v = read(secondsPath, effective, context);
            if (!Json.isIntegral(v) || v.asLong() < 0 || v.asLong() > MAX_SECONDS) {
                throw StatesError.runtime("The SecondsPath parameter does not reference a valid integer value: "
                        + Json.write(v));
            }
            until = now.plus(Duration.ofSeconds(v.asLong()));
        } else {
            JsonNode v = read(timestampPath, effective, context);
            Instant t = v.isTextual() ? Timestamps.parse(v.textValue()) : null;
            if (t == null) {
                throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended"
                        + " offset date-time format string: " + Json.write(v));
            }
            until = t;
        }
        run.execution.sleepUntil(run.strand, until);
        JsonNode output = io.outputOnly(effective, context);
        run.exited(output);
        return new Step(next, output);
    }

    private static JsonNode read(String path, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }
}
