package emrpipeline.slack;

/**
 * Slack's limits on a message, from the Block Kit reference (header, section, fields, context, blocks) and
 * the "Truncating really long messages" changelog (40,000 characters of text), plus our own tighter budgets
 * where Slack is known to reject below its documented limits.
 */
final class SlackLimits {
    /** Header block: plain_text, at most 150 characters. */
    static final int HEADER_TEXT = 150;
    /** Section block text: at most 3,000 characters. */
    static final int SECTION_TEXT = 3_000;
    /** Section block fields: at most 10 per section, each at most 2,000 characters. */
    static final int FIELDS_PER_SECTION = 10;
    static final int FIELD_TEXT = 2_000;
    /** Context block: at most 10 elements; a text object holds at most 3,000 characters. */
    static final int CONTEXT_ELEMENTS = 10;
    static final int CONTEXT_TEXT = 3_000;
    /** At most 50 blocks in a message. */
    static final int BLOCKS = 50;
    /** Slack truncates a message's text beyond 40,000 characters; we keep the whole message (text and blocks) within it. */
    static final int MESSAGE = 40_000;
    /**
     * Ours: the characters of all blocks together. Slack has rejected messages with {@code msg_blocks_too_long}
     * at around 12,000 characters of block text although no documented limit was reached
     * (slackapi/bolt-js issues #2509, #2867); we stay well below.
     */
    static final int BLOCKS_TEXT = 10_000;
    /** Ours: the {@code text} fallback (notifications, screen readers). Slack splits text beyond about 4,000 characters. */
    static final int FALLBACK_TEXT = 3_000;

    private SlackLimits() {
    }
}
