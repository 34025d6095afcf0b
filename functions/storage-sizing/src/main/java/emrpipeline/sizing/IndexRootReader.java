package emrpipeline.sizing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Reads the processed index's root object (format 2, docs/data-formats.md) and checks what the sizing relies on:
 * the format version, shards in strictly increasing key order starting at {@code ""} with safe names and entry
 * counts that add up, and well-formed listing states. Unknown members are ignored (a later minor addition must not
 * stop an older reader). Anything else is a {@link CorruptPipelineObjectException}.
 *
 * <p>The run ledger has the writing side of this format (its {@code IndexRoot}); the two functions are built alone
 * (sam build copies one folder), so they cannot share the class: the golden files of docs/data-formats/, which both
 * read in their DataFormatsTest, keep
 * them in step.
 */
final class IndexRootReader {
    private static final PipelineJson JSON = new PipelineJson("processed-index root");
    static final Pattern SHARD_NAME = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z._-]{0,200}\\.tsv\\.gz$");

    private IndexRootReader() {
    }

    static IndexRoot read(InputStream in, String source) {
        return JSON.read(in, source, p -> parse(p, source));
    }

    private static IndexRoot parse(JsonParser p, String source) throws IOException {
        Long formatVersion = null;
        Long generation = null;
        Long entries = null;
        List<IndexRoot.Shard> shards = null;
        List<IndexRoot.ListingState> listings = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "formatVersion" -> formatVersion = JSON.number(p, value, source, field);
                case "generation" -> generation = JSON.number(p, value, source, field);
                case "entries" -> entries = JSON.number(p, value, source, field);
                case "shards" -> shards = shards(p, value, source);
                case "listings" -> listings = listings(p, value, source);
                default -> p.skipChildren();
            }
        }
        if (formatVersion == null || formatVersion != IndexRoot.FORMAT_VERSION) {
            throw JSON.corrupt(source, "has formatVersion " + formatVersion + "; this function reads index format "
                    + IndexRoot.FORMAT_VERSION + " (a newer pipeline version may have written it)");
        }
        if (generation == null || entries == null || shards == null) {
            throw JSON.corrupt(source, "lacks one of generation, entries, shards");
        }
        long sum = 0;
        for (int i = 0; i < shards.size(); i++) {
            IndexRoot.Shard s = shards.get(i);
            if (i == 0 && !s.firstKey().isEmpty()) {
                throw JSON.corrupt(source, "shards[0].firstKey must be \"\" (the first shard holds every key below the second's)");
            }
            if (i > 0 && KeyOrder.compare(shards.get(i - 1).firstKey(), s.firstKey()) >= 0) {
                throw JSON.corrupt(source, "shards[" + i + "].firstKey is not after shards[" + (i - 1) + "].firstKey");
            }
            sum += s.entries();
        }
        if (sum != entries) {
            throw JSON.corrupt(source, "says entries " + entries + " but its shards hold " + sum);
        }
        return new IndexRoot(generation, entries, List.copyOf(shards), List.copyOf(listings));
    }

    private static List<IndexRoot.Shard> shards(JsonParser p, JsonToken value, String source) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw JSON.corrupt(source, "'shards' is not an array");
        }
        List<IndexRoot.Shard> shards = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String where = "shards[" + shards.size() + "]";
            String firstKey = null;
            String name = null;
            Long entries = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "firstKey" -> firstKey = JSON.text(p, v, source, where + ".firstKey");
                    case "name" -> name = JSON.text(p, v, source, where + ".name");
                    case "entries" -> entries = JSON.number(p, v, source, where + ".entries");
                    default -> p.skipChildren();
                }
            }
            if (firstKey == null || name == null || entries == null || entries < 0) {
                throw JSON.corrupt(source, where + " lacks firstKey, name or entries >= 0");
            }
            if (!SHARD_NAME.matcher(name).matches()) {
                throw JSON.corrupt(source, where + ".name '" + name + "' is not a shard name (" + SHARD_NAME.pattern() + ")");
            }
            shards.add(new IndexRoot.Shard(firstKey, name, entries));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw JSON.corrupt(source, "'shards' holds something other than objects");
        }
        return shards;
    }

    private static List<IndexRoot.ListingState> listings(JsonParser p, JsonToken value, String source) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw JSON.corrupt(source, "'listings' is not an array");
        }
        List<IndexRoot.ListingState> listings = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String where = "listings[" + listings.size() + "]";
            String rawPrefix = null;
            String watermark = null;
            List<String> previous = List.of();
            Instant lastFull = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "rawPrefix" -> rawPrefix = JSON.text(p, v, source, where + ".rawPrefix");
                    case "watermark" -> watermark = v == JsonToken.VALUE_NULL ? null : JSON.text(p, v, source, where + ".watermark");
                    case "previousPartitions" -> previous = strings(p, v, source, where + ".previousPartitions");
                    case "lastFullListingAt" -> lastFull = v == JsonToken.VALUE_NULL ? null
                            : instant(JSON.text(p, v, source, where + ".lastFullListingAt"), source, where + ".lastFullListingAt");
                    default -> p.skipChildren();
                }
            }
            if (rawPrefix == null) {
                throw JSON.corrupt(source, where + " has no rawPrefix");
            }
            for (String partition : watermark == null ? previous : concat(previous, watermark)) {
                if (partition.length() < 2 || !partition.endsWith("/") || partition.startsWith("/")) {
                    throw JSON.corrupt(source, where + " has partition '" + partition + "': partitions are key=value/ paths");
                }
            }
            for (int i = 0; i < previous.size(); i++) {
                String next = i + 1 < previous.size() ? previous.get(i + 1) : watermark;
                if (next == null || KeyOrder.compare(previous.get(i), next) >= 0) {
                    throw JSON.corrupt(source, where + ".previousPartitions must be ascending and below the watermark");
                }
            }
            listings.add(new IndexRoot.ListingState(rawPrefix, watermark, List.copyOf(previous), lastFull));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw JSON.corrupt(source, "'listings' holds something other than objects");
        }
        return listings;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    private static List<String> strings(JsonParser p, JsonToken value, String source, String field) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw JSON.corrupt(source, "'" + field + "' is not an array");
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(JSON.text(p, t, source, field + "[" + out.size() + "]"));
        }
        return out;
    }

    private static Instant instant(String text, String source, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw JSON.corrupt(source, "'" + field + "' is not an ISO-8601 instant: " + text);
        }
    }
}
