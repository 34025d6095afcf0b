package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How Retriers and Catchers match an error name, per the Step Functions developer guide:
 * <ul>
 *   <li>a name matches itself;</li>
 *   <li>{@code States.ALL} matches every error except the terminal {@code States.DataLimitExceeded}
 *       and {@code States.Runtime};</li>
 *   <li>{@code States.TaskFailed} matches every error except {@code States.Timeout} (and the two
 *       terminal ones);</li>
 *   <li>{@code States.Runtime} is never retried nor caught, even when named.</li>
 * </ul>
 */
final class ErrorNames {
    private ErrorNames() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (StatesError.RUNTIME.equals(error)) {
            return false;
        }
        boolean terminal = StatesError.DATA_LIMIT_EXCEEDED.equals(error);
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            if (terminal) {
                continue;
            }
            if (name.equals(StatesError.ALL)) {
                return true;
            }
            if (name.equals(StatesError.TASK_FAILED) && !StatesError.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Validates an ErrorEquals array: non-empty strings; States.ALL alone and only in the last
     * Retrier/Catcher ({@code last}). Problems are added to {@code problems}.
     */
    static List<String> parse(JsonNode node, String location, boolean last, List<String> problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("ErrorEquals must be a non-empty array of strings at " + location);
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                problems.add("ErrorEquals must contain only strings at " + location);
                continue;
            }
            names.add(n.textValue());
        }
        if (names.contains(StatesError.ALL)) {
            if (names.size() > 1) {
                problems.add("States.ALL must appear alone in ErrorEquals at " + location);
            }
            if (!last) {
                problems.add("States.ALL must appear in the last element of the array at " + location);
            }
        }
        return List.copyOf(names);
    }
}
