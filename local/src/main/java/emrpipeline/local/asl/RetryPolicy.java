package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A state's Retry field. When a state reports an error the first Retrier whose ErrorEquals
 * matches decides: if it has attempts left the state runs again after
 * {@code IntervalSeconds × BackoffRate^n} seconds (n = that Retrier's retries so far), capped at
 * MaxDelaySeconds and, with {@code JitterStrategy: FULL}, drawn uniformly from [0, delay];
 * otherwise retrying stops (later Retriers are not consulted) and the Catchers get the error.
 * Counters live for one visit of the state ({@link Attempts}).
 */
final class RetryPolicy {
    static final RetryPolicy NONE = new RetryPolicy(List.of());
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");

    record Retrier(List<String> errorEquals, long intervalSeconds, long maxAttempts, double backoffRate,
                   Long maxDelaySeconds, boolean fullJitter) {

        /** The wait before retry number {@code retriesSoFar + 1} of this Retrier. */
        Duration delay(long retriesSoFar, Random random) {
            double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
            if (maxDelaySeconds != null) {
                seconds = Math.min(seconds, maxDelaySeconds);
            }
            if (fullJitter) {
                seconds = random.nextDouble() * seconds;
            }
            return Duration.ofMillis(Math.round(seconds * 1000.0));
        }
    }

    private final List<Retrier> retriers;

    private RetryPolicy(List<Retrier> retriers) {
        this.retriers = retriers;
    }

    List<Retrier> retriers() {
        return retriers;
    }

    static RetryPolicy parse(JsonNode node, String location, List<String> problems) {
        if (node == null) {
            return NONE;
        }
        if (!node.isArray()) {
            problems.add("Retry must be an array of Retriers at " + location);
            return NONE;
        }
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = location + "[" + i + "]";
            if (!r.isObject()) {
                problems.add("A Retrier must be a JSON object at " + at);
                continue;
            }
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    problems.add("Field '" + f + "' is not supported at " + at);
                }
            }
            List<String> errors = ErrorNames.parse(r.get("ErrorEquals"), at + "/ErrorEquals", i == node.size() - 1, problems);
            long interval = integer(r, "IntervalSeconds", 1, 1, 99_999_999, at, problems);
            long maxAttempts = integer(r, "MaxAttempts", 3, 0, 99_999_999, at, problems);
            double backoff = 2.0;
            if (r.has("BackoffRate")) {
                JsonNode b = r.get("BackoffRate");
                if (!b.isNumber() || b.doubleValue() < 1.0) {
                    problems.add("BackoffRate must be a number greater than or equal to 1.0 at " + at);
                } else {
                    backoff = b.doubleValue();
                }
            }
            Long maxDelay = r.has("MaxDelaySeconds") ? integer(r, "MaxDelaySeconds", 0, 1, 31_622_400, at, problems) : null;
            boolean full = false;
            if (r.has("JitterStrategy")) {
                String jitter = r.get("JitterStrategy").asText();
                if (!r.get("JitterStrategy").isTextual() || !(jitter.equals("FULL") || jitter.equals("NONE"))) {
                    problems.add("JitterStrategy must be FULL or NONE at " + at);
                }
                full = jitter.equals("FULL");
            }
            retriers.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, full));
        }
        return new RetryPolicy(List.copyOf(retriers));
    }

    private static long integer(JsonNode r, String field, long dflt, long min, long max, String at, List<String> problems) {
        JsonNode v = r.get(field);
        if (v == null) {
            return dflt;
        }
        if (!Json.isIntegral(v) || Json.decimal(v).compareTo(BigDecimal.valueOf(min)) < 0
                || Json.decimal(v).compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(field + " must be an integer from " + min + " to " + max + " at " + at);
            return dflt;
        }
        return v.asLong();
    }

    Attempts start() {
        return new Attempts();
    }

    /** Retry counters of one visit to the state. */
    final class Attempts {
        private final long[] used = new long[retriers.size()];
        private int retryCount;

        /** Total retries so far: {@code $$.State.RetryCount}. */
        int retryCount() {
            return retryCount;
        }

        /** The wait before the next attempt, or null when the error must go to the Catchers. */
        Duration nextDelay(String error, Random random) {
            for (int i = 0; i < retriers.size(); i++) {
                Retrier r = retriers.get(i);
                if (ErrorNames.matches(r.errorEquals(), error)) {
                    if (used[i] >= r.maxAttempts()) {
                        return null;
                    }
                    Duration delay = r.delay(used[i], random);
                    used[i]++;
                    retryCount++;
                    return delay;
                }
            }
            return null;
        }
    }
}
