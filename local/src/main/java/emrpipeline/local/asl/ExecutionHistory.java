package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events of one execution in the shape of the Step Functions {@code GetExecutionHistory}
 * response: {@code {"events": [{"timestamp", "type", "id", "previousEventId",
 * "<type>EventDetails": {...}}]}}. As in the service, {@code input}, {@code output} and
 * {@code parameters} inside the details are JSON <em>strings</em>, events are ordered by time
 * (concurrent branches interleave), ids count from 1 and the first state's
 * {@code previousEventId} is 0.
 */
public final class ExecutionHistory {

    /** One history event. Its id is assigned when the history is read. */
    public static final class Event {
        private final String type;
        private final Instant timestamp;
        private final Event previous;
        private final String detailsKey;
        private final ObjectNode details;
        private final long sequence;
        private long id;

        private Event(String type, Instant timestamp, Event previous, String detailsKey, ObjectNode details, long sequence) {
            this.type = type;
            this.timestamp = timestamp;
            this.previous = previous;
            this.detailsKey = detailsKey;
            this.details = details;
            this.sequence = sequence;
        }

        public String type() {
            return type;
        }

        public Instant timestamp() {
            return timestamp;
        }

        public long id() {
            return id;
        }

        public long previousEventId() {
            return previous == null ? 0 : previous.id;
        }

        /** The {@code ...EventDetails} object (null for events without details), e.g. {@code name}. */
        public ObjectNode details() {
            return details;
        }

        /** The details' field name, e.g. {@code taskScheduledEventDetails}; null when none. */
        public String detailsKey() {
            return detailsKey;
        }

        public ObjectNode toJson() {
            ObjectNode out = Json.object();
            out.put("timestamp", Timestamps.format(timestamp));
            out.put("type", type);
            out.put("id", id);
            out.put("previousEventId", previousEventId());
            if (detailsKey != null) {
                out.set(detailsKey, details);
            }
            return out;
        }

        @Override
        public String toString() {
            return id + " " + type + (details != null && details.has("name") ? " " + details.get("name").asText() : "");
        }
    }

    private final List<Event> recorded = new ArrayList<>();
    private List<Event> ordered;
    private long sequence;

    Event add(String type, Instant at, Event previous, String detailsKey, ObjectNode details) {
        Event e = new Event(type, at, previous, detailsKey, details, sequence++);
        recorded.add(e);
        ordered = null;
        return e;
    }

    /** A marker of how many events were recorded so far (see {@link #dropAfter(int, int, Instant)}). */
    int mark() {
        return recorded.size();
    }

    /**
     * Drops the events recorded between two marks that are stamped after {@code cut}: the part of a
     * branch or iteration that a failure elsewhere stopped. Returns true when any was dropped.
     */
    boolean dropAfter(int from, int to, Instant cut) {
        boolean dropped = recorded.subList(from, to).removeIf(e -> e.timestamp.isAfter(cut));
        ordered = null;
        return dropped;
    }

    /** Drops events stamped after the execution stopped (work a timeout or failure cut short). */
    void dropAfter(Instant stop) {
        recorded.removeIf(e -> e.timestamp.isAfter(stop));
        ordered = null;
    }

    /** The events in time order, numbered from 1. */
    public List<Event> events() {
        if (ordered == null) {
            List<Event> sorted = new ArrayList<>(recorded);
            sorted.sort(Comparator.comparing((Event e) -> e.timestamp).thenComparingLong(e -> e.sequence));
            for (int i = 0; i < sorted.size(); i++) {
                sorted.get(i).id = i + 1;
            }
            ordered = List.copyOf(sorted);
        }
        return ordered;
    }

    /** The event types in order: handy in tests ({@code [ExecutionStarted, PassStateEntered, ...]}). */
    public List<String> types() {
        return events().stream().map(Event::type).toList();
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("events");
        for (Event e : events()) {
            array.add(e.toJson());
        }
        return out;
    }

    /** The history as pretty-printed JSON text. */
    public String toJsonString() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the history (for {@code --history FILE}). */
    public void write(Path file) {
        try {
            Files.writeString(file, toJsonString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode details() {
        return Json.object();
    }

    static ObjectNode withPayload(ObjectNode details, String field, JsonNode payload) {
        details.put(field, Json.write(payload));
        details.putObject(field + "Details").put("truncated", false);
        return details;
    }
}
