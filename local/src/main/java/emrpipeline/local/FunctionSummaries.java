package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One line saying what a function answered, for the timeline; the raw answer is in the history. */
final class FunctionSummaries {
    private FunctionSummaries() {
    }

    static String of(String logicalId, JsonNode request, JsonNode response) {
        return switch (logicalId) {
            case "StorageSizingFunction" -> sizing(response);
            case "RunLedgerFunction" -> ledger(request, response);
            case "AlarmLifecycleFunction" -> alarms(response);
            case "SlackNotifierFunction" -> slack(request, response);
            default -> response.toString();
        };
    }

    private static String sizing(JsonNode r) {
        if (r.path("newObjectCount").asLong() == 0) {
            return "nothing new under " + r.path("rawPrefix").asText() + " (EBS would be " + r.path("ebsGib").asText() + " GiB)";
        }
        return plural(r.path("newObjectCount").asLong(), "new object") + ", " + bytes(r.path("newBytes").asLong()) + " -> "
                + r.path("manifestUri").asText() + (r.path("reusedManifest").asBoolean() ? " (reused)" : "") + "; EBS "
                + r.path("ebsGib").asText() + " GiB x " + r.path("volumesPerInstance").asText() + " per core node ("
                + r.path("coreNodeCount").asText() + " core nodes)";
    }

    private static String ledger(JsonNode request, JsonNode r) {
        String action = request.path("action").asText();
        List<String> parts = new ArrayList<>();
        parts.add(action + ": " + r.path("status").asText(""));
        switch (action) {
            case "begin" -> {
                if ("SKIPPED".equals(r.path("status").asText())) {
                    parts.add(r.path("reason").asText());
                } else {
                    parts.add("lease until " + r.path("leaseExpiresAt").asText());
                }
            }
            case "recordCluster" -> parts.add("cluster " + r.path("clusterId").asText());
            case "finish" -> {
                if (r.has("committedObjects")) {
                    parts.add("committed " + plural(r.path("committedObjects").asLong(), "object"));
                }
                if (r.has("estimatedCostUsd")) {
                    parts.add("est. $" + r.path("estimatedCostUsd").asText());
                }
                if (r.has("leaseReleased")) {
                    parts.add(r.path("leaseReleased").asBoolean() ? "lease released" : "lease not held");
                }
            }
            default -> {
            }
        }
        return String.join(", ", parts);
    }

    private static String alarms(JsonNode r) {
        String action = r.path("action").asText();
        if (action.equals("create")) {
            return "created " + r.path("alarmNames").size() + " alarms " + names(r.path("alarmNames"));
        }
        if (action.equals("delete")) {
            return "deleted " + r.path("deleted").size() + " alarms " + names(r.path("deleted"))
                    + (r.path("alreadyGone").isEmpty() ? "" : ", already gone " + names(r.path("alreadyGone")));
        }
        return r.toString();
    }

    private static String names(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : list) {
            String name = n.asText();
            names.add(name.substring(name.lastIndexOf('-') + 1));
        }
        return names.toString();
    }

    private static String slack(JsonNode request, JsonNode r) {
        String kind = request.path("kind").asText();
        if (r.path("notified").asBoolean()) {
            return kind + " delivered (HTTP " + r.path("httpStatus").asText() + ")";
        }
        return kind + " NOT delivered: " + r.path("reason").asText() + " (" + r.path("attempts").asText() + " attempts)";
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", n / 1024.0 / 1024);
        }
        return String.format("%.1f GiB", n / 1024.0 / 1024 / 1024);
    }
}
