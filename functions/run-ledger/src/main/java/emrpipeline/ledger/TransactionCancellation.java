package emrpipeline.ledger;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Why DynamoDB cancelled a TransactWriteItems request: one reason code per item of the request, in the request's
 * order ({@code None} for an item that was not the cause). The codes are those of the API reference
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html,
 * TransactionCanceledException): {@code None}, {@code ConditionalCheckFailed}, {@code TransactionConflict} (another
 * transaction was writing the same item), {@code ItemCollectionSizeLimitExceeded},
 * {@code ProvisionedThroughputExceeded}, {@code ThrottlingError}, {@code ValidationError}.
 *
 * @param codes the reason code of each item ({@code null} where DynamoDB gave none)
 */
record TransactionCancellation(List<String> codes) {
    static final String NONE = "None";
    static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    static final String TRANSACTION_CONFLICT = "TransactionConflict";

    static TransactionCancellation of(TransactionCanceledException e) {
        List<String> codes = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            for (CancellationReason reason : e.cancellationReasons()) {
                codes.add(reason.code());
            }
        }
        return new TransactionCancellation(java.util.Collections.unmodifiableList(codes));
    }

    /** Whether the condition of item {@code index} (0-based, in request order) of a request of {@code items} failed. */
    boolean conditionFailed(int index, int items) {
        return codes.size() == items && CONDITIONAL_CHECK_FAILED.equals(codes.get(index));
    }

    /**
     * Whether reading again and deciding again can succeed: every reason is a failed condition (the state changed
     * since it was read), a conflict with another transaction, or none. Throttling, validation and size errors are
     * not: they are thrown to the caller.
     */
    boolean isContention() {
        for (String code : codes) {
            if (code != null && !NONE.equals(code) && !CONDITIONAL_CHECK_FAILED.equals(code)
                    && !TRANSACTION_CONFLICT.equals(code)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(",", codes.stream().map(String::valueOf).toList());
    }
}
