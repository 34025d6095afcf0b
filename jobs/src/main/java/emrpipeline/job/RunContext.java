package emrpipeline.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@link Transformation} may know about the run.
 *
 * @param runId        the run id
 * @param jobArguments {@code --job-arguments}: the template's JobArgumentsJson merged with the execution input's
 *                     jobArguments, e.g. {@code {"minQuantity": 2}}
 */
public record RunContext(String runId, ObjectNode jobArguments) {
}
