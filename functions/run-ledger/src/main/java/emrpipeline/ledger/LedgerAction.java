package emrpipeline.ledger;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run ledger's actions, as a request's {@code action} field names them. The validator and {@link RunLedger}
 * dispatch with exhaustive {@code switch} expressions over this enum, so an action added here does not compile until
 * both handle it. (Java 17: a pattern-matching {@code switch} over the sealed {@link LedgerCommand} would say the same
 * without the enum, but it is a preview feature before Java 21, and the functions build for release 17.)
 */
public enum LedgerAction {
    BEGIN("begin"),
    RECORD_CLUSTER("recordCluster"),
    FINISH("finish"),
    CLOSE("close"),
    VALIDATE("validate"),
    COMMIT("commit"),
    RELEASE("release");

    private final String field;

    LedgerAction(String field) {
        this.field = field;
    }

    /** The value of the request's {@code action} field. */
    public String field() {
        return field;
    }

    /** The action whose {@code action} field is exactly {@code value}; empty for any other value. */
    static Optional<LedgerAction> of(String value) {
        return Arrays.stream(values()).filter(a -> a.field.equals(value)).findFirst();
    }

    /** "begin, recordCluster, ... or release": every action, for error messages. */
    static String all() {
        String names = Arrays.stream(values()).map(LedgerAction::field).collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return names.substring(0, last) + " or " + names.substring(last + 2);
    }
}
