package emrpipeline.ledger;

import java.io.IOException;
import java.util.function.Function;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Typed reads of JSON members for this function's readers of the pipeline's own objects (the manifest,
 * {@link ManifestReader}; the index root, {@link IndexRootFormat}). Each failure is the reader's own exception
 * (made by {@code invalid} from a reason that names the member), so the state machine sees which object is wrong.
 */
final class PipelineJson {
    private PipelineJson() {
    }

    static String text(JsonParser p, JsonToken token, String field, Function<String, ? extends RuntimeException> invalid)
            throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw invalid.apply("\"" + field + "\" must be a string");
        }
        return p.getText();
    }

    static long integer(JsonParser p, JsonToken token, String field, Function<String, ? extends RuntimeException> invalid)
            throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw invalid.apply("\"" + field + "\" must be an integer");
        }
        try {
            return p.getLongValue();
        } catch (IOException e) {
            throw invalid.apply("\"" + field + "\" is out of range");
        }
    }
}
