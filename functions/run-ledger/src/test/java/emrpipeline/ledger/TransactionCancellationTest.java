package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The decoding of a cancelled transaction's reasons: which item's condition failed, and whether to decide again. */
class TransactionCancellationTest {

    static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    @Test
    void theCodesAreReadInTheRequestsOrder() {
        TransactionCancellation why = TransactionCancellation.of(cancelled("None", "ConditionalCheckFailed"));

        assertEquals(List.of("None", "ConditionalCheckFailed"), why.codes());
        assertFalse(why.conditionFailed(0, 2));
        assertTrue(why.conditionFailed(1, 2));
        assertEquals("None,ConditionalCheckFailed", why.toString());
    }

    @Test
    void aConditionIsOnlySaidToHaveFailedForARequestOfTheExpectedSize() {
        assertFalse(TransactionCancellation.of(cancelled("ConditionalCheckFailed")).conditionFailed(0, 2),
                "a reason list that does not match the request is not decoded");
    }

    @ParameterizedTest(name = "{0},{1} -> contention {2}")
    @CsvSource({
            "ConditionalCheckFailed, None, true",
            "None, ConditionalCheckFailed, true",
            "TransactionConflict, None, true",
            "None, TransactionConflict, true",
            "ConditionalCheckFailed, TransactionConflict, true",
            "ThrottlingError, None, false",
            "None, ProvisionedThroughputExceeded, false",
            "ValidationError, None, false",
            "ItemCollectionSizeLimitExceeded, None, false",
            "ConditionalCheckFailed, ThrottlingError, false"})
    void onlyChangedStateAndConflictsAreContention(String first, String second, boolean contention) {
        assertEquals(contention, TransactionCancellation.of(cancelled(first, second)).isContention());
    }

    @Test
    void aReasonWithoutACodeCountsAsNone() {
        TransactionCanceledException e = TransactionCanceledException.builder().cancellationReasons(
                CancellationReason.builder().build(), CancellationReason.builder().code("ConditionalCheckFailed").build()).build();
        TransactionCancellation why = TransactionCancellation.of(e);
        assertTrue(why.isContention());
        assertTrue(why.conditionFailed(1, 2));
        assertEquals("null,ConditionalCheckFailed", why.toString());
    }
}
