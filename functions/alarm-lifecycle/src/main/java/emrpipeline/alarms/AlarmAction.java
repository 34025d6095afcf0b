package emrpipeline.alarms;

import java.util.Arrays;
import java.util.Optional;

/**
 * The alarm lifecycle's actions, as a request's {@code action} field names them. {@link AlarmCommands} validates each
 * with an exhaustive {@code switch} over this enum, so an action added here does not compile until it is validated
 * (and the {@link AlarmCommand.Kind} it produces is handled by the handler's switch).
 */
enum AlarmAction {
    CREATE("create"),
    DELETE("delete"),
    SWEEP("sweep");

    private final String field;

    AlarmAction(String field) {
        this.field = field;
    }

    /** The action whose {@code action} field is exactly {@code value}; empty for any other value. */
    static Optional<AlarmAction> of(String value) {
        return Arrays.stream(values()).filter(a -> a.field.equals(value)).findFirst();
    }
}
