package emrpipeline.ledger;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Warms an SDK client before a SnapStart snapshot without calling AWS: a request goes through the client's whole
 * pipeline (validation, marshalling, endpoint rules, checksums, signing) and is dropped just before the wire.
 * The request carries everything that makes it so, the client is not changed: made-up credentials (the client's
 * own credentials provider is never asked, so no credentials end up in the snapshot) and, through a per-request
 * plugin, an interceptor that stops it in {@code beforeTransmission}.
 * (Each function has this class: each is built alone, as {@code sam build} does.)
 */
final class SdkPriming {
    /** The function's sample event that priming deserializes (a copy of one of its events/ files, in its resources). */
    static final String PRIMING_EVENT = "/snapstart-priming-event.json";
    private static final StaticCredentialsProvider NOT_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-not-a-secret"));

    private SdkPriming() {
    }

    /** Runs {@code prime}. Priming is an optimization: a failure is logged and the snapshot is taken anyway (only less warm). */
    static void primeOrWarn(Runnable prime, Logger log) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            log.warn("SnapStart priming skipped: " + e, e);
        }
    }

    /** The priming event through the Lambda runtime's own serializer; empty where that serializer is absent. */
    static <T> Optional<T> primingEvent(Class<T> type) {
        try (InputStream event = SdkPriming.class.getResourceAsStream(PRIMING_EVENT)) {
            return RuntimeSerializer.fromJson(type, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a call with the priming override and returns the HTTP request the client would have sent. */
    static SdkHttpRequest unsent(Consumer<Consumer<AwsRequestOverrideConfiguration.Builder>> call) {
        StopBeforeSending stop = new StopBeforeSending();
        try {
            call.accept(o -> o.credentialsProvider(NOT_CREDENTIALS).addPlugin(config -> config.overrideConfiguration(
                    config.overrideConfiguration().toBuilder().addExecutionInterceptor(stop).build())));
        } catch (RuntimeException e) {
            if (stop.request != null && causedByStop(e)) {
                return stop.request;
            }
            throw e;
        }
        throw new IllegalStateException("the priming request was not stopped before the wire");
    }

    private static boolean causedByStop(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stopped) {
                return true;
            }
        }
        return false;
    }

    private static final class StopBeforeSending implements ExecutionInterceptor {
        private volatile SdkHttpRequest request;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
            request = context.httpRequest();
            throw new Stopped();
        }
    }

    /** Not an SdkException: the SDK does not retry it. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("priming request stopped before the wire", null, false, false);
        }
    }
}
