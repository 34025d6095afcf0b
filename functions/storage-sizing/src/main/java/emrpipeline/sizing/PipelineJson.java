package emrpipeline.sizing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Typed reads of JSON members for the readers of the pipeline's own objects (manifests, the index root), each error
 * a {@link CorruptPipelineObjectException} that names the object, what it should be and the member.
 */
final class PipelineJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String what;

    /** Reads of the pipeline object that errors name {@code what} ("manifest", "processed-index root"). */
    PipelineJson(String what) {
        this.what = what;
    }

    /** Reads the members of one object from a parser that has just read the object's START_OBJECT. */
    @FunctionalInterface
    interface Parse<T> {
        T from(JsonParser p) throws IOException;
    }

    /**
     * Parses {@code in}, named {@code source} in errors, as a stream: JSON that does not parse, or is not an
     * object, is a {@link CorruptPipelineObjectException} saying it is not a valid {@code what}, a failed read an
     * {@link UncheckedIOException}.
     */
    <T> T read(InputStream in, String source, Parse<T> parse) {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(source, "is not a JSON object");
            }
            return parse.from(p);
        } catch (JsonProcessingException e) {
            throw new CorruptPipelineObjectException(
                    source + " is not a valid " + what + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed: " + e.getMessage(), e);
        }
    }

    String text(JsonParser p, JsonToken token, String source, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw corrupt(source, "'" + field + "' is not a string");
        }
        return p.getText();
    }

    long number(JsonParser p, JsonToken token, String source, String field) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw corrupt(source, "'" + field + "' is not a whole number");
        }
        return p.getLongValue();
    }

    /** {@code <source> is not a valid <what>: <reason>} */
    CorruptPipelineObjectException corrupt(String source, String reason) {
        return new CorruptPipelineObjectException(source + " is not a valid " + what + ": " + reason);
    }
}
