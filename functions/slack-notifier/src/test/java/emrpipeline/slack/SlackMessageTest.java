package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    /** Parses {@code json} (so it is valid JSON) and checks it against every limit in {@link SlackLimits}. */
    static void assertWithinLimits(String json) {
        DocumentContext doc = JsonPath.parse(json);
        String text = doc.read("$.text");
        assertTrue(text.length() <= SlackLimits.FALLBACK_TEXT, "text has " + text.length());
        List<Map<String, Object>> blocks = doc.read("$.blocks");
        assertTrue(blocks.size() <= SlackLimits.BLOCKS, "blocks: " + blocks.size());
        int blockText = 0;
        for (int i = 0; i < blocks.size(); i++) {
            String type = doc.read("$.blocks[" + i + "].type");
            switch (type) {
                case "header" -> {
                    String header = doc.read("$.blocks[" + i + "].text.text");
                    assertEquals("plain_text", doc.read("$.blocks[" + i + "].text.type"));
                    assertTrue(header.length() <= SlackLimits.HEADER_TEXT, "header has " + header.length());
                    blockText += header.length();
                }
                case "section" -> {
                    if (doc.read("$.blocks[" + i + "]", Map.class).containsKey("text")) {
                        String section = doc.read("$.blocks[" + i + "].text.text");
                        assertTrue(section.length() <= SlackLimits.SECTION_TEXT, "section has " + section.length());
                        blockText += section.length();
                    } else {
                        List<String> fields = doc.read("$.blocks[" + i + "].fields[*].text");
                        assertTrue(!fields.isEmpty() && fields.size() <= SlackLimits.FIELDS_PER_SECTION, "fields: " + fields.size());
                        for (String field : fields) {
                            assertTrue(field.length() <= SlackLimits.FIELD_TEXT, "field has " + field.length());
                            blockText += field.length();
                        }
                    }
                }
                case "context" -> {
                    List<String> elements = doc.read("$.blocks[" + i + "].elements[*].text");
                    assertTrue(!elements.isEmpty() && elements.size() <= SlackLimits.CONTEXT_ELEMENTS, "context elements: " + elements.size());
                    for (String element : elements) {
                        assertTrue(element.length() <= SlackLimits.CONTEXT_TEXT, "context element has " + element.length());
                        blockText += element.length();
                    }
                }
                case "divider" -> {
                }
                default -> throw new AssertionError("unexpected block type " + type);
            }
        }
        assertTrue(blockText <= SlackLimits.BLOCKS_TEXT, "block text: " + blockText);
        assertTrue(blockText + text.length() <= SlackLimits.MESSAGE, "message: " + (blockText + text.length()));
    }

    @Test
    void moreThanFiftyBlocksAreCutWithANote() {
        SlackMessage.Builder builder = SlackMessage.builder().text("t").header("h");
        for (int i = 0; i < 80; i++) {
            builder.divider();
        }
        SlackMessage message = builder.build();

        assertEquals(SlackLimits.BLOCKS, message.blockCount());
        assertWithinLimits(message.toJson());
        DocumentContext doc = JsonPath.parse(message.toJson());
        assertEquals("_32 blocks left out to stay within Slack's limits_", doc.read("$.blocks[49].elements[0].text"));
        assertEquals("header", doc.read("$.blocks[0].type"));
    }

    @Test
    void tooMuchBlockTextIsCut() {
        SlackMessage.Builder builder = SlackMessage.builder().text("t".repeat(10_000)).header("h");
        for (int i = 0; i < 20; i++) {
            builder.section("s".repeat(5_000));
        }
        SlackMessage message = builder.build();

        assertWithinLimits(message.toJson());
        assertEquals(SlackLimits.FALLBACK_TEXT, message.text().length());
        // header + 3 sections of 3,000 (cut from 5,000) + the note
        assertEquals(5, message.blockCount());
    }

    @Test
    void fieldsAreSplitTenPerSectionAndCut() {
        List<String> fields = new ArrayList<>(Collections.nCopies(23, "*F*\nvalue"));
        fields.set(0, "x".repeat(2_500));
        SlackMessage message = SlackMessage.builder().text("t").fields(fields).build();

        DocumentContext doc = JsonPath.parse(message.toJson());
        assertEquals(3, message.blockCount());
        assertEquals(10, doc.read("$.blocks[0].fields.length()", Integer.class));
        assertEquals(10, doc.read("$.blocks[1].fields.length()", Integer.class));
        assertEquals(3, doc.read("$.blocks[2].fields.length()", Integer.class));
        String first = doc.read("$.blocks[0].fields[0].text");
        assertEquals(SlackLimits.FIELD_TEXT, first.length());
        assertTrue(first.endsWith(SlackText.ELLIPSIS));
        assertWithinLimits(message.toJson());
    }

    @Test
    void contextKeepsTenElementsAndTheHeaderIsCut() {
        SlackMessage message = SlackMessage.builder().text("t")
                .header("é".repeat(400))
                .context(Collections.nCopies(12, "c"))
                .build();

        DocumentContext doc = JsonPath.parse(message.toJson());
        assertEquals(10, doc.read("$.blocks[1].elements.length()", Integer.class));
        assertEquals(SlackLimits.HEADER_TEXT, doc.read("$.blocks[0].text.text", String.class).length());
        assertEquals(true, doc.read("$.blocks[0].text.emoji"));
        assertWithinLimits(message.toJson());
    }

    @Test
    void linkPreviewsAreOff() {
        DocumentContext doc = JsonPath.parse(SlackMessage.builder().text("t").build().toJson());

        assertEquals(false, doc.read("$.unfurl_links"));
        assertEquals(false, doc.read("$.unfurl_media"));
    }
}
