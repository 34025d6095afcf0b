package emrpipeline.sizing;

import java.io.IOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Typed reads of JSON members for the readers of the pipeline's own objects (manifests, the index root), each error
 * a {@link CorruptPipelineObjectException} that names the object, what it should be and the member.
 */
final class PipelineJson {
    private PipelineJson() {
    }

    static String text(JsonParser p, JsonToken token, String source, String what, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw corrupt(source, what, "'" + field + "' is not a string");
        }
        return p.getText();
    }

    static long number(JsonParser p, JsonToken token, String source, String what, String field) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw corrupt(source, what, "'" + field + "' is not a whole number");
        }
        return p.getLongValue();
    }

    /** {@code <source> is not a valid <what>: <reason>} */
    static CorruptPipelineObjectException corrupt(String source, String what, String reason) {
        return new CorruptPipelineObjectException(source + " is not a valid " + what + ": " + reason);
    }
}
