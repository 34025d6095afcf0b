package emrpipeline.local;

import static emrpipeline.local.Scenarios.DAY_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every execution input either is refused before BeginRun (error emrpipeline.InvalidExecutionInput, a cause naming
 * the field, and nothing started: no lease, no ledger record, no manifest, no cluster, nobody told) or runs to a
 * clean end (SUCCEEDED, nothing left running, the lease free). Inputs are generated from the input's keys with
 * values of every JSON type, in and out of range, fractions where integers are needed, unknown keys, run ids a
 * later use would refuse; a fixed seed, so a failure repeats. Run on the real definition, functions and template.
 */
class GeneratedInputsTest extends PipelineScenarioTest {
    static final int INPUTS = 48;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void everyInputIsRefusedBeforeBeginRunOrRunsToACleanEnd() {
        Random random = new Random(20261122L);
        List<String> problems = new ArrayList<>();
        int refused = 0;
        int ran = 0;
        for (int i = 0; i < INPUTS; i++) {
            pipeline.reset();
            JsonNode input = i == 0 ? Json.object() : generate(random);
            // The offline step runs 30 s, within the smallest job timeout an input may set (60 s).
            RunResult r = pipeline.run(new RunRequest().executionName("gen-" + i).startTime(DAY_1.plusSeconds(i)).input(input)
                    .emrTiming(emrpipeline.local.aws.EmrTiming.DEFAULT.withStepRunning(java.time.Duration.ofSeconds(30))));
            String what = "input " + Json.write(input) + ": " + r.execution().status() + " " + r.execution().error()
                    + " " + r.execution().cause();
            if ("emrpipeline.InvalidExecutionInput".equals(r.execution().error())) {
                refused++;
                if (!r.attemptsOf("BeginRun").isEmpty() || !r.ledger().isEmpty() || !r.clusters().isEmpty()
                        || !r.alerts().isEmpty() || !r.slackPosts().isEmpty() || manifests() != 0) {
                    problems.add("refused, but something started: " + what);
                }
                String cause = r.execution().cause();
                if (cause == null || !cause.matches("^[A-Za-z.]+: .+")) {
                    problems.add("refused without naming the field: " + what);
                }
            } else {
                ran++;
                if (!r.succeeded() || r.ledgerRecordsOfThisRun().size() != 1
                        || !"SUCCEEDED".equals(r.ledgerRecordsOfThisRun().get(0).get("runStatus").s())
                        || !r.clustersLeftRunning().isEmpty() || !r.alarmsLeft().isEmpty()
                        || r.ledger().stream().anyMatch(item -> "LEASE".equals(item.get("pk").s()))) {
                    problems.add("accepted, but not a clean end: " + what);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(refused >= INPUTS / 4 && ran >= INPUTS / 4, "both outcomes exercised: " + refused + " refused, " + ran + " ran");
    }

    private static long manifests() {
        return pipeline.s3().client().listObjectsV2(b -> b.bucket(pipeline.dataBucket()).prefix(pipeline.pipelinePrefix() + "manifests/"))
                .keyCount();
    }

    /** An input of the pipeline's keys (and now and then an unknown one), each with a value of some JSON type. */
    static ObjectNode generate(Random random) {
        ObjectNode input = F.objectNode();
        for (String key : List.of("runId", "trigger", "coreMarket", "sizing", "jobArguments", "jobTimeoutSeconds")) {
            if (random.nextInt(3) == 0) {
                input.set(key, value(key, random));
            }
        }
        if (random.nextInt(8) == 0) {
            input.put(random.nextBoolean() ? "jobTimeout" : "runid", 1);
        }
        return input;
    }

    private static JsonNode value(String key, Random random) {
        boolean valid = random.nextInt(3) != 0;
        return switch (key) {
            case "runId" -> valid ? F.textNode(pick(random, "day-2026-11-22", "rerun.7", "A_b-9", "x".repeat(80)))
                    : pick(random, F.textNode(""), F.textNode("has space"), F.textNode("x".repeat(81)), F.textNode("-lead"),
                    F.textNode("a:b"), F.numberNode(7), F.nullNode(), F.textNode("ünïcode"));
            case "trigger" -> valid ? F.textNode(pick(random, "manual", "schedule"))
                    : pick(random, F.textNode("Manual"), F.textNode("cron"), F.booleanNode(true), F.numberNode(1));
            case "coreMarket" -> valid ? F.textNode(pick(random, "SPOT", "ON_DEMAND"))
                    : pick(random, F.textNode("spot"), F.textNode("RESERVED"), F.arrayNode());
            case "jobTimeoutSeconds" -> valid ? F.numberNode(pick(random, 60, 600, 3600, 14400))
                    : pick(random, F.numberNode(59), F.numberNode(14401), F.numberNode(90.5), F.numberNode(600.0),
                    F.textNode("600"), F.numberNode(-1), F.numberNode(39600), F.nullNode());
            case "jobArguments" -> {
                if (!valid) {
                    yield pick(random, F.textNode("{}"), F.arrayNode(), F.numberNode(1), F.textNode("x".repeat(20_000)));
                }
                ObjectNode args = F.objectNode();
                args.put("mode", pick(random, "full", "incremental"));
                if (random.nextBoolean()) {
                    args.putObject("nested").put("n", 1);
                }
                yield args;
            }
            case "sizing" -> {
                if (random.nextInt(5) == 0) {
                    yield pick(random, F.textNode("{}"), F.arrayNode(), F.numberNode(3));
                }
                ObjectNode sizing = F.objectNode();
                for (String knob : List.of("coreNodeCount", "volumesPerInstance", "expansionFactor", "headroomGib",
                        "minGib", "maxGib", "listConcurrency", "rawPrefix", "fullReconciliation", "lookBackPartitions",
                        "fullReconciliationDays", "unknownKnob")) {
                    if (random.nextInt(4) == 0) {
                        sizing.set(knob, knob(knob, random));
                    }
                }
                yield sizing;
            }
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static JsonNode knob(String knob, Random random) {
        boolean valid = random.nextInt(3) != 0;
        return switch (knob) {
            case "coreNodeCount" -> valid ? F.numberNode(pick(random, 1, 2, 5)) : pick(random, F.numberNode(0),
                    F.numberNode(2.5), F.numberNode(10_001), F.textNode("two"), F.numberNode(-3));
            case "volumesPerInstance" -> valid ? F.numberNode(pick(random, 1, 2)) : pick(random, F.numberNode(0),
                    F.numberNode(65), F.numberNode(1.5));
            case "expansionFactor" -> valid ? pick(random, F.numberNode(1.0), F.numberNode(2.5), F.numberNode(3)) : pick(random, F.numberNode(-1),
                    F.textNode("big"), F.numberNode(0));
            case "headroomGib" -> valid ? pick(random, F.numberNode(0), F.numberNode(8), F.numberNode(20.5)) : pick(random, F.numberNode(-1),
                    F.numberNode(20_000));
            case "minGib" -> valid ? F.numberNode(pick(random, 1, 32)) : pick(random, F.numberNode(0), F.numberNode(20_000),
                    F.numberNode(3.5));
            case "maxGib" -> valid ? F.numberNode(pick(random, 64, 1024, 16_384)) : pick(random, F.numberNode(16_385),
                    F.numberNode(0), F.arrayNode());
            case "listConcurrency" -> valid ? F.numberNode(pick(random, 1, 8, 64)) : pick(random, F.numberNode(65),
                    F.numberNode(0));
            case "rawPrefix" -> valid ? F.textNode("raw/") : pick(random, F.textNode("/abs"), F.numberNode(1),
                    F.textNode("raw/../x/"));
            case "fullReconciliation" -> valid ? F.booleanNode(random.nextBoolean()) : pick(random, F.textNode("yes"),
                    F.numberNode(1), F.textNode("true"));
            case "lookBackPartitions" -> valid ? F.numberNode(pick(random, 0, 1, 31)) : pick(random, F.numberNode(32),
                    F.numberNode(-1), F.numberNode(1.5));
            case "fullReconciliationDays" -> valid ? F.numberNode(pick(random, 0, 7, 366)) : pick(random, F.numberNode(367),
                    F.textNode("weekly"));
            default -> F.numberNode(1);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
