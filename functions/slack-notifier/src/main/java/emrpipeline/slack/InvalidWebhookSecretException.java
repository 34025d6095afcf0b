package emrpipeline.slack;

/** The secret's value is not an acceptable webhook URL. Internal: reported in the result, never thrown out of the handler. */
final class InvalidWebhookSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidWebhookSecretException(String message) {
        super(message, null, false, false);
    }
}
