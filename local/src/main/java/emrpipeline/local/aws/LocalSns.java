package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Amazon SNS for the state machine's {@code arn:aws:states:::sns:publish} tasks: the topics the template creates
 * exist, a publish is checked as SNS checks it and recorded (nothing is delivered). The task's output is
 * {@code {"MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}}; a refused publish fails the task with
 * {@code SNS.<ErrorCode>} (e.g. {@code SNS.NotFoundException}, {@code SNS.InvalidParameterException}).
 */
public final class LocalSns {
    public static final String PUBLISH = "arn:aws:states:::sns:publish";
    private static final Set<String> PUBLISH_PARAMETERS = Set.of("TopicArn", "TargetArn", "PhoneNumber", "Message",
            "Subject", "MessageStructure", "MessageAttributes", "MessageDeduplicationId", "MessageGroupId");
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** One message published to a topic. */
    public record Published(Instant at, String topicArn, String subject, String message, String messageId) {
    }

    private final Set<String> topics;
    private final Supplier<UUID> ids;
    private final List<Published> published = new ArrayList<>();

    public LocalSns(Set<String> topicArns, Supplier<UUID> ids) {
        this.topics = Set.copyOf(topicArns);
        this.ids = ids;
    }

    public TaskOutcome invoke(TaskCall call) {
        if (!call.resource().equals(PUBLISH)) {
            return TaskOutcome.failure("States.Runtime", "The offline runner does not implement " + call.resource());
        }
        JsonNode p = call.parameters();
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PUBLISH_PARAMETERS.contains(name)) {
                return error("InvalidParameterException", "Invalid parameter: " + name);
            }
        }
        String topic = p.path("TopicArn").asText(p.path("TargetArn").asText(null));
        if (topic == null) {
            return error("InvalidParameterException", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (!topics.contains(topic)) {
            return error("NotFoundException", "Topic does not exist");
        }
        JsonNode message = p.get("Message");
        String subject = p.path("Subject").asText(null);
        String problem = problem(topic, subject, message == null || !message.isTextual() ? null : message.asText());
        if (problem != null) {
            return error(problem.substring(0, problem.indexOf(' ')), problem.substring(problem.indexOf(' ') + 1));
        }
        String id = record(call.startTime(), topic, subject, message.asText());
        ObjectNode out = Json.object();
        out.put("MessageId", id);
        String requestId = ids.get().toString();
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Content-Type", "text/xml");
        headers.put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return TaskOutcome.success(out);
    }

    /**
     * Publish as the SNS API answers it: "ErrorCode message" for a request SNS refuses, else null. Shared by the
     * state machine's sns:publish task and the functions' SnsClient ({@link LocalSnsClient}).
     */
    synchronized String problem(String topic, String subject, String message) {
        if (!topics.contains(topic)) {
            return "NotFoundException Topic does not exist";
        }
        if (message == null || message.isEmpty()) {
            return "InvalidParameterException Invalid parameter: Message Reason: Empty message";
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            return "InvalidParameterException Invalid parameter: Message too long";
        }
        if (subject != null && (subject.isEmpty() || subject.length() >= 100
                || subject.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            return "InvalidParameterException Invalid parameter: Subject: must be ASCII text under 100 characters,"
                    + " without line breaks or control characters";
        }
        return null;
    }

    /** Records a published message; returns its MessageId. */
    String record(Instant at, String topic, String subject, String message) {
        String id = ids.get().toString();
        synchronized (published) {
            published.add(new Published(at, topic, subject, message, id));
        }
        return id;
    }

    /** Forgets the messages published. */
    public void clear() {
        synchronized (published) {
            published.clear();
        }
    }

    /** Every message published, in order. */
    public List<Published> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    private TaskOutcome error(String code, String message) {
        return TaskOutcome.failure("SNS." + code, message + " (Service: AmazonSNS; Status Code: "
                + (code.equals("NotFoundException") ? 404 : 400) + "; Error Code: " + code.replace("Exception", "")
                + "; Request ID: " + ids.get() + "; Proxy: null)");
    }
}
