package emrpipeline.slack;

/**
 * How a delivery ended.
 *
 * @param httpStatus  status of the last response received, {@code null} when none was
 * @param webhookGone Slack said the webhook no longer exists or is not allowed (403, 404, 410): the cached secret is stale
 */
record DeliveryOutcome(boolean delivered, int attempts, Integer httpStatus, String reason, boolean webhookGone) {
}
