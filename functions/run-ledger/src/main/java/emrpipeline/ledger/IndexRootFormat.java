package emrpipeline.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParseException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * The JSON form of {@link IndexRoot} (docs/data-formats.md, "Processed index, format 2"), both ways. Reading checks
 * everything a commit relies on (format version, shard order and names, entry totals, listing states) and ignores
 * unknown members; anything else is a {@link ProcessedIndexInvalidException}, and nothing is written.
 *
 * <p>The storage sizing reads the same format with its own reader, IndexRootReader: the functions are built alone
 * (sam build copies one folder), so they cannot share the class, and the golden files of docs/data-formats/, which
 * both read in their DataFormatsTest, keep the two in step.
 */
public final class IndexRootFormat {
    static final Pattern SHARD_NAME = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z._-]{0,200}\\.tsv\\.gz$");
    private static final JsonFactory JSON = new JsonFactory();

    private IndexRootFormat() {
    }

    /** The root as UTF-8 JSON, members in the documented order, one shard a line (readable in a console). */
    public static byte[] write(IndexRoot root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * root.shards().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", IndexRoot.FORMAT_VERSION);
            g.writeNumberField("generation", root.generation());
            g.writeStringField("updatedAt", root.updatedAt().toString());
            g.writeNumberField("entries", root.entries());
            g.writeFieldName("shards");
            g.writeStartArray();
            for (IndexRoot.Shard s : root.shards()) {
                g.writeRaw("\n");
                g.writeStartObject();
                g.writeStringField("firstKey", s.firstKey());
                g.writeStringField("name", s.name());
                g.writeNumberField("entries", s.entries());
                g.writeNumberField("bytes", s.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeRaw("\n");
            g.writeFieldName("retired");
            g.writeStartArray();
            for (IndexRoot.Retired r : root.retired()) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("retiredAt", r.retiredAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("listings");
            g.writeStartArray();
            for (IndexRoot.ListingState l : root.listings()) {
                g.writeRaw("\n");
                g.writeStartObject();
                g.writeStringField("rawPrefix", l.rawPrefix());
                if (l.watermark() == null) {
                    g.writeNullField("watermark");
                } else {
                    g.writeStringField("watermark", l.watermark());
                }
                g.writeFieldName("previousPartitions");
                g.writeStartArray();
                for (String p : l.previousPartitions()) {
                    g.writeString(p);
                }
                g.writeEndArray();
                if (l.lastFullListingAt() == null) {
                    g.writeNullField("lastFullListingAt");
                } else {
                    g.writeStringField("lastFullListingAt", l.lastFullListingAt().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (root.migratedFrom() != null) {
                IndexRoot.MigratedFrom m = root.migratedFrom();
                g.writeRaw("\n");
                g.writeFieldName("migratedFrom");
                g.writeStartObject();
                g.writeStringField("key", m.key());
                g.writeStringField("etag", m.etag());
                g.writeStringField("migratedAt", m.migratedAt().toString());
                g.writeBooleanField("retired", m.retired());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeRaw("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads and checks a root; {@code source} names it in errors. */
    public static IndexRoot read(InputStream in, String source) {
        try (JsonParser p = JSON.createParser(in)) {
            return parse(p, source);
        } catch (JsonParseException e) {
            throw invalid(source, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed: " + e.getMessage(), e);
        }
    }

    private static IndexRoot parse(JsonParser p, String source) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw invalid(source, "is not a JSON object");
        }
        Long formatVersion = null;
        Long generation = null;
        Instant updatedAt = null;
        Long entries = null;
        List<IndexRoot.Shard> shards = null;
        List<IndexRoot.Retired> retired = List.of();
        List<IndexRoot.ListingState> listings = List.of();
        IndexRoot.MigratedFrom migratedFrom = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "formatVersion" -> formatVersion = number(p, value, source, field);
                case "generation" -> generation = number(p, value, source, field);
                case "updatedAt" -> updatedAt = instant(p, value, source, field);
                case "entries" -> entries = number(p, value, source, field);
                case "shards" -> shards = shards(p, value, source);
                case "retired" -> retired = retired(p, value, source);
                case "listings" -> listings = listings(p, value, source);
                case "migratedFrom" -> migratedFrom = migratedFrom(p, value, source);
                default -> p.skipChildren();
            }
        }
        if (formatVersion == null || formatVersion != IndexRoot.FORMAT_VERSION) {
            throw invalid(source, "has formatVersion " + formatVersion + "; this ledger reads index format "
                    + IndexRoot.FORMAT_VERSION + " (a newer pipeline version may have written it)");
        }
        if (generation == null || generation < 0 || updatedAt == null || entries == null || shards == null) {
            throw invalid(source, "lacks one of generation, updatedAt, entries, shards");
        }
        long sum = 0;
        for (int i = 0; i < shards.size(); i++) {
            IndexRoot.Shard s = shards.get(i);
            if (i == 0 && !s.firstKey().isEmpty()) {
                throw invalid(source, "shards[0].firstKey must be \"\"");
            }
            if (i > 0 && KeyOrder.compare(shards.get(i - 1).firstKey(), s.firstKey()) >= 0) {
                throw invalid(source, "shards[" + i + "].firstKey is not after shards[" + (i - 1) + "].firstKey");
            }
            sum += s.entries();
        }
        if (sum != entries) {
            throw invalid(source, "says entries " + entries + " but its shards hold " + sum);
        }
        return new IndexRoot(generation, updatedAt, entries, shards, retired, listings, migratedFrom);
    }

    private static List<IndexRoot.Shard> shards(JsonParser p, JsonToken value, String source) throws IOException {
        requireArray(value, source, "shards");
        List<IndexRoot.Shard> shards = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String where = "shards[" + shards.size() + "]";
            String firstKey = null;
            String name = null;
            Long entries = null;
            long bytes = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "firstKey" -> firstKey = text(p, v, source, where + ".firstKey");
                    case "name" -> name = text(p, v, source, where + ".name");
                    case "entries" -> entries = number(p, v, source, where + ".entries");
                    case "bytes" -> bytes = number(p, v, source, where + ".bytes");
                    default -> p.skipChildren();
                }
            }
            if (firstKey == null || name == null || entries == null || entries < 0) {
                throw invalid(source, where + " lacks firstKey, name or entries >= 0");
            }
            checkName(name, source, where);
            shards.add(new IndexRoot.Shard(firstKey, name, entries, bytes));
        }
        requireEndArray(p, source, "shards");
        return shards;
    }

    private static List<IndexRoot.Retired> retired(JsonParser p, JsonToken value, String source) throws IOException {
        requireArray(value, source, "retired");
        List<IndexRoot.Retired> retired = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String where = "retired[" + retired.size() + "]";
            String name = null;
            Instant at = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = text(p, v, source, where + ".name");
                    case "retiredAt" -> at = instant(p, v, source, where + ".retiredAt");
                    default -> p.skipChildren();
                }
            }
            if (name == null || at == null) {
                throw invalid(source, where + " lacks name or retiredAt");
            }
            checkName(name, source, where);
            retired.add(new IndexRoot.Retired(name, at));
        }
        requireEndArray(p, source, "retired");
        return retired;
    }

    private static List<IndexRoot.ListingState> listings(JsonParser p, JsonToken value, String source) throws IOException {
        requireArray(value, source, "listings");
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
                    case "rawPrefix" -> rawPrefix = text(p, v, source, where + ".rawPrefix");
                    case "watermark" -> watermark = v == JsonToken.VALUE_NULL ? null : text(p, v, source, where + ".watermark");
                    case "previousPartitions" -> previous = strings(p, v, source, where + ".previousPartitions");
                    case "lastFullListingAt" -> lastFull = v == JsonToken.VALUE_NULL ? null
                            : instant(p, v, source, where + ".lastFullListingAt");
                    default -> p.skipChildren();
                }
            }
            if (rawPrefix == null) {
                throw invalid(source, where + " has no rawPrefix");
            }
            List<String> all = new ArrayList<>(previous);
            if (watermark != null) {
                all.add(watermark);
            } else if (!previous.isEmpty()) {
                throw invalid(source, where + " has previousPartitions but no watermark");
            }
            for (int i = 0; i < all.size(); i++) {
                String partition = all.get(i);
                if (partition.length() < 2 || !partition.endsWith("/") || partition.startsWith("/")) {
                    throw invalid(source, where + " has partition '" + partition + "': partitions are key=value/ paths");
                }
                if (i > 0 && KeyOrder.compare(all.get(i - 1), partition) >= 0) {
                    throw invalid(source, where + ".previousPartitions must be ascending and below the watermark");
                }
            }
            listings.add(new IndexRoot.ListingState(rawPrefix, watermark, previous, lastFull));
        }
        requireEndArray(p, source, "listings");
        return listings;
    }

    private static IndexRoot.MigratedFrom migratedFrom(JsonParser p, JsonToken value, String source) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            throw invalid(source, "'migratedFrom' is not an object");
        }
        String key = null;
        String etag = null;
        Instant at = null;
        boolean retired = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "key" -> key = text(p, v, source, "migratedFrom.key");
                case "etag" -> etag = text(p, v, source, "migratedFrom.etag");
                case "migratedAt" -> at = instant(p, v, source, "migratedFrom.migratedAt");
                case "retired" -> {
                    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                        throw invalid(source, "'migratedFrom.retired' is not a boolean");
                    }
                    retired = v == JsonToken.VALUE_TRUE;
                }
                default -> p.skipChildren();
            }
        }
        if (key == null || etag == null || at == null) {
            throw invalid(source, "'migratedFrom' lacks key, etag or migratedAt");
        }
        return new IndexRoot.MigratedFrom(key, etag, at, retired);
    }

    private static void checkName(String name, String source, String where) {
        if (!SHARD_NAME.matcher(name).matches()) {
            throw invalid(source, where + ".name '" + name + "' is not a shard name (" + SHARD_NAME.pattern() + ")");
        }
    }

    private static List<String> strings(JsonParser p, JsonToken value, String source, String field) throws IOException {
        requireArray(value, source, field);
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(text(p, t, source, field + "[" + out.size() + "]"));
        }
        return out;
    }

    private static void requireArray(JsonToken value, String source, String field) {
        if (value != JsonToken.START_ARRAY) {
            throw invalid(source, "'" + field + "' is not an array");
        }
    }

    private static void requireEndArray(JsonParser p, String source, String field) {
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw invalid(source, "'" + field + "' holds something other than objects");
        }
    }

    private static Instant instant(JsonParser p, JsonToken value, String source, String field) throws IOException {
        String text = text(p, value, source, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(source, "'" + field + "' is not an ISO-8601 instant: " + text);
        }
    }

    private static String text(JsonParser p, JsonToken token, String source, String field) throws IOException {
        return PipelineJson.text(p, token, field, reason -> invalid(source, reason));
    }

    private static long number(JsonParser p, JsonToken token, String source, String field) throws IOException {
        return PipelineJson.integer(p, token, field, reason -> invalid(source, reason));
    }

    private static ProcessedIndexInvalidException invalid(String source, String reason) {
        return new ProcessedIndexInvalidException(source + " is not a valid processed-index root: " + reason);
    }
}
