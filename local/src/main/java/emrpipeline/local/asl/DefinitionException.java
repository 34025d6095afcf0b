package emrpipeline.local.asl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A definition the service would refuse ({@code InvalidDefinition}). The message lists every
 * diagnostic as the service does: {@code CODE: message at /States/Name/Field}, joined by
 * {@code ", "} (codes: SCHEMA_VALIDATION_FAILED, INVALID_JSON_DESCRIPTION,
 * MISSING_TRANSITION_TARGET, MISSING_END_STATE, DUPLICATE_STATE_NAME).
 */
public final class DefinitionException extends IllegalArgumentException {

    /** One problem: its code, what is wrong and where ({@code /States/X/Next}). */
    public record Diagnostic(String code, String message, String location) {
        @Override
        public String toString() {
            return code + ": " + message + (location == null ? "" : " at " + location);
        }
    }

    private final List<Diagnostic> diagnostics;

    DefinitionException(List<Diagnostic> diagnostics) {
        super("Invalid State Machine Definition: '"
                + diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining(", ")) + "'");
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
