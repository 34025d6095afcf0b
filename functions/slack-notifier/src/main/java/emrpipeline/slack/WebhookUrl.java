package emrpipeline.slack;

import java.net.URI;

/** A validated incoming-webhook URL. It is a credential: {@link #toString()} never shows it. */
final class WebhookUrl {
    private final URI uri;

    WebhookUrl(URI uri) {
        this.uri = uri;
    }

    URI uri() {
        return uri;
    }

    @Override
    public String toString() {
        return "WebhookUrl[" + Redactor.MASK + "]";
    }
}
