package emrpipeline.slack;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * {@code <RedactWebhooks>} in log4j2.xml: wraps a layout and passes everything it writes through the function's
 * {@link Redactor} ({@link Redactor#shared()}), so that no log event, whoever logs it and whatever exception it
 * carries (message, causes, suppressed), shows a webhook URL or a secret value the function has read.
 *
 * <p>JSON output (the Lambda format JSON) is parsed and every string in it is redacted on its own, then written
 * again: redacting the serialized text could cut a JSON escape in half and break the document. Text output is
 * redacted as it is.
 */
@Plugin(name = "RedactWebhooks", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE, printObject = true)
public final class RedactingLayout extends AbstractStringLayout {
    private final Layout<? extends Serializable> layout;
    private final Redactor redactor;
    private final boolean json;

    RedactingLayout(Layout<? extends Serializable> layout, Redactor redactor) {
        super(StandardCharsets.UTF_8);
        this.layout = layout;
        this.redactor = redactor;
        String contentType = layout.getContentType();
        this.json = contentType != null && contentType.startsWith("application/json");
    }

    @PluginFactory
    public static RedactingLayout create(@PluginElement("Layout") Layout<? extends Serializable> layout) {
        if (layout == null) {
            throw new IllegalArgumentException("<RedactWebhooks> needs the layout it redacts, e.g. <PatternLayout>");
        }
        return new RedactingLayout(layout, Redactor.shared());
    }

    @Override
    public String toSerializable(LogEvent event) {
        String text = layout instanceof StringLayout stringLayout ? stringLayout.toSerializable(event)
                : new String(layout.toByteArray(event), StandardCharsets.UTF_8);
        return json ? redactJson(text) : redactor.redact(text);
    }

    @Override
    public String getContentType() {
        return layout.getContentType();
    }

    private String redactJson(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        JsonValue document;
        try {
            document = Json.parse(text.substring(0, end));
        } catch (ParseException notJson) {
            return redactor.redact(text);
        }
        return redact(document).toString() + text.substring(end);
    }

    private JsonValue redact(JsonValue value) {
        if (value.isString()) {
            return Json.value(redactor.redact(value.asString()));
        }
        if (value.isArray()) {
            JsonArray array = value.asArray();
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i)));
            }
            return array;
        }
        if (value.isObject()) {
            JsonObject redacted = new JsonObject();
            for (JsonObject.Member member : value.asObject()) {
                redacted.add(redactor.redact(member.getName()), redact(member.getValue()));
            }
            return redacted;
        }
        return value;
    }
}
