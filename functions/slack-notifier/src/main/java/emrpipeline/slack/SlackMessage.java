package emrpipeline.slack;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An incoming-webhook payload: a {@code text} fallback and Block Kit {@code blocks}. The {@link Builder}
 * enforces {@link SlackLimits} by truncating and, as a last resort, by leaving trailing blocks out: a message
 * that would break a limit is shortened, never refused.
 */
final class SlackMessage {
    private final String text;
    private final List<Block> blocks;

    private SlackMessage(String text, List<Block> blocks) {
        this.text = text;
        this.blocks = List.copyOf(blocks);
    }

    static Builder builder() {
        return new Builder();
    }

    String text() {
        return text;
    }

    int blockCount() {
        return blocks.size();
    }

    /** The payload as JSON (link previews off: console links would only unfold into sign-in pages). */
    String toJson() {
        JsonArray array = Json.array();
        blocks.forEach(block -> array.add(block.json()));
        return Json.object()
                .add("text", text)
                .add("blocks", array)
                .add("unfurl_links", false)
                .add("unfurl_media", false)
                .toString();
    }

    /** One block and the characters of text it holds. */
    private record Block(JsonObject json, int textLength) {
    }

    static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private String text = "";

        private Builder() {
        }

        /** The notification/fallback text ({@code mrkdwn}, escaped by the caller). */
        Builder text(String mrkdwn) {
            this.text = SlackText.fitPlain(mrkdwn, SlackLimits.FALLBACK_TEXT);
            return this;
        }

        Builder header(String plainText) {
            String fitted = SlackText.fitPlain(plainText, SlackLimits.HEADER_TEXT);
            blocks.add(new Block(Json.object().add("type", "header")
                    .add("text", Json.object().add("type", "plain_text").add("text", fitted).add("emoji", true)),
                    fitted.length()));
            return this;
        }

        /** A section of {@code mrkdwn} text (escaped by the caller). */
        Builder section(String mrkdwn) {
            String fitted = SlackText.fitPlain(mrkdwn, SlackLimits.SECTION_TEXT);
            blocks.add(new Block(Json.object().add("type", "section").add("text", mrkdwn(fitted)), fitted.length()));
            return this;
        }

        /** {@code mrkdwn} fields shown two abreast, as many sections as it takes (10 fields each). */
        Builder fields(List<String> mrkdwnFields) {
            for (int start = 0; start < mrkdwnFields.size(); start += SlackLimits.FIELDS_PER_SECTION) {
                JsonArray array = Json.array();
                int length = 0;
                for (String field : mrkdwnFields.subList(start, Math.min(mrkdwnFields.size(), start + SlackLimits.FIELDS_PER_SECTION))) {
                    String fitted = SlackText.fitPlain(field, SlackLimits.FIELD_TEXT);
                    array.add(mrkdwn(fitted));
                    length += fitted.length();
                }
                blocks.add(new Block(Json.object().add("type", "section").add("fields", array), length));
            }
            return this;
        }

        /** A context line of {@code mrkdwn} elements (at most 10; more are left out). */
        Builder context(List<String> mrkdwnElements) {
            if (mrkdwnElements.isEmpty()) {
                return this;
            }
            JsonArray array = Json.array();
            int length = 0;
            for (String element : mrkdwnElements.subList(0, Math.min(mrkdwnElements.size(), SlackLimits.CONTEXT_ELEMENTS))) {
                String fitted = SlackText.fitPlain(element, SlackLimits.CONTEXT_TEXT);
                array.add(mrkdwn(fitted));
                length += fitted.length();
            }
            blocks.add(new Block(Json.object().add("type", "context").add("elements", array), length));
            return this;
        }

        Builder divider() {
            blocks.add(new Block(Json.object().add("type", "divider"), 0));
            return this;
        }

        /**
         * The message, within every limit: at most {@value SlackLimits#BLOCKS} blocks, at most
         * {@value SlackLimits#BLOCKS_TEXT} characters of block text and {@value SlackLimits#MESSAGE} in all.
         * Trailing blocks that do not fit are replaced by one context line saying how many were left out.
         */
        SlackMessage build() {
            List<Block> kept = new ArrayList<>(blocks);
            int leftOut = 0;
            while (!fits(kept, leftOut) && !kept.isEmpty()) {
                kept.remove(kept.size() - 1);
                leftOut++;
            }
            if (leftOut > 0) {
                kept.add(leftOutNote(leftOut));
            }
            return new SlackMessage(text, kept);
        }

        private boolean fits(List<Block> kept, int leftOut) {
            int count = kept.size() + (leftOut > 0 ? 1 : 0);
            int blockText = kept.stream().mapToInt(Block::textLength).sum() + (leftOut > 0 ? leftOutNote(leftOut).textLength() : 0);
            return count <= SlackLimits.BLOCKS
                    && blockText <= SlackLimits.BLOCKS_TEXT
                    && blockText + text.length() <= SlackLimits.MESSAGE;
        }

        private static Block leftOutNote(int leftOut) {
            String note = "_" + leftOut + (leftOut == 1 ? " block" : " blocks") + " left out to stay within Slack's limits_";
            return new Block(Json.object().add("type", "context").add("elements", Json.array().add(mrkdwn(note))),
                    note.length());
        }

        private static JsonObject mrkdwn(String text) {
            return Json.object().add("type", "mrkdwn").add("text", text);
        }
    }
}
