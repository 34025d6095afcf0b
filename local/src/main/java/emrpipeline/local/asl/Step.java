package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A state's outcome: its output and the next state's name (null when the graph ends here). */
record Step(String next, JsonNode output) {
}
