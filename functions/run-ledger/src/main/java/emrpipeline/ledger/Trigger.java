package emrpipeline.ledger;

/** What started the execution: the daily schedule or a person. */
public enum Trigger {
    SCHEDULE("schedule"),
    MANUAL("manual");

    private final String wireName;

    Trigger(String wireName) {
        this.wireName = wireName;
    }

    /** The name in requests and in the ledger ({@code schedule}, {@code manual}). */
    public String wireName() {
        return wireName;
    }
}
