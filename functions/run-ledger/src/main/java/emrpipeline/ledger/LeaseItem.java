package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerTable.LEASE_EXPIRES_AT;
import static emrpipeline.ledger.LedgerTable.LEASE_EXPIRES_AT_MILLIS;
import static emrpipeline.ledger.LedgerTable.LEASE_OWNER;
import static emrpipeline.ledger.LedgerTable.RUN_ID;
import static emrpipeline.ledger.LedgerTable.longOrNull;
import static emrpipeline.ledger.LedgerTable.string;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lease as stored ({@link LedgerTable}): the execution that holds it, its run, and until when.
 *
 * @param expiresAtMillis null for a lease written by hand without an expiry (it counts as expired)
 * @param expiresAt       the same instant as text, as recorded
 */
record LeaseItem(String owner, String runId, Long expiresAtMillis, String expiresAt) {

    /** The lease of {@code item}, or null when there is none. */
    static LeaseItem of(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new LeaseItem(string(item, LEASE_OWNER), string(item, RUN_ID), longOrNull(item, LEASE_EXPIRES_AT_MILLIS),
                string(item, LEASE_EXPIRES_AT));
    }

    /** Whether the lease is still held at {@code nowMillis}. */
    boolean isLiveAt(long nowMillis) {
        return expiresAtMillis != null && expiresAtMillis > nowMillis;
    }
}
