package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.UserFault;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.converters.LambdaErrorConverter;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.ErrorRequest;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.apache.logging.log4j.ThreadContext;

/**
 * One function of template.yaml with its handler instance, invoked the way the Lambda Java runtime (runtime
 * interface client 2.9.0) invokes a {@code RequestHandler<I, O>}: the event bytes are turned into {@code I} by the
 * runtime's serializer ({@code aws-lambda-java-serialization}'s {@code JacksonFactory}, found from the handler's
 * type arguments as the runtime finds it), {@code handleRequest} runs with a {@link Context}, and {@code O} is
 * written back by the same serializer ({@code null} as {@code null}). An exception, thrown by the handler or by
 * the serializer, becomes the error the runtime reports: the runtime client's own conversion
 * ({@code LambdaErrorConverter.fromThrowable}) gives {@code errorMessage}, {@code errorType} (the exception's fully
 * qualified class name) and {@code stackTrace}, cut below the handler (in Lambda the frames below it belong to
 * the runtime).
 *
 * <p>What the function prints (its logger writes to standard output outside Lambda) is captured per invocation.
 */
public final class LocalFunction {
    static {
        RuntimeLogger.install();
    }

    private final SamTemplate.FunctionDefinition definition;
    private final RequestHandler<Object, Object> handler;
    private final PojoSerializer<Object> inputSerializer;
    private final PojoSerializer<Object> outputSerializer;
    private final boolean voidOutput;

    /** What one invocation gave: the response or the error document, as JSON bytes, and what it printed. */
    public record Invocation(String requestId, byte[] payload, boolean failed, String errorType, Duration took,
                             String logs) {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    public LocalFunction(SamTemplate.FunctionDefinition definition, RequestHandler<?, ?> handler) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.handler = (RequestHandler<Object, Object>) Objects.requireNonNull(handler, "handler");
        if (!handler.getClass().getName().equals(definition.handlerClass())) {
            throw new IllegalArgumentException(definition.logicalId() + ": template Handler is " + definition.handlerClass()
                    + ", the factory built " + handler.getClass().getName());
        }
        Type[] types = requestHandlerTypes(handler.getClass());
        this.inputSerializer = JacksonFactory.getInstance().getSerializer(types[0]);
        this.voidOutput = types[1] == Void.class || types[1] == void.class;
        this.outputSerializer = voidOutput ? null : JacksonFactory.getInstance().getSerializer(types[1]);
    }

    public SamTemplate.FunctionDefinition definition() {
        return definition;
    }

    public String logicalId() {
        return definition.logicalId();
    }

    /** Runs the handler on {@code event} (JSON bytes) with a context whose deadline is the function's Timeout. */
    public synchronized Invocation invoke(byte[] event, String requestId) {
        long started = System.nanoTime();
        LocalContext context = new LocalContext(definition, requestId, started);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        if (LambdaRuntimeInternal.getUseLog4jAppender()) {
            // What the runtime client does before each invocation when the log4j2 appender is in use.
            ThreadContext.put("AWSRequestId", requestId);
        }
        try {
            Object input = inputSerializer.fromJson(new ByteArrayInputStream(event));
            Object output = handler.handleRequest(input, context);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (voidOutput || output == null) {
                out.writeBytes("null".getBytes(StandardCharsets.UTF_8));
            } else {
                outputSerializer.toJson(output, out);
            }
            return new Invocation(requestId, out.toByteArray(), false, null, Duration.ofNanos(System.nanoTime() - started),
                    logs.toString(StandardCharsets.UTF_8));
        } catch (Throwable t) {
            ErrorRequest error = LambdaErrorConverter.fromThrowable(belowHandler(UserFault.filterStackTrace(t)));
            byte[] document = Json.write(errorDocument(error)).getBytes(StandardCharsets.UTF_8);
            return new Invocation(requestId, document, true, error.errorType, Duration.ofNanos(System.nanoTime() - started),
                    logs.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** The runtime's error JSON: {@code {"errorMessage", "errorType", "stackTrace"}}. */
    static ObjectNode errorDocument(ErrorRequest error) {
        ObjectNode document = Json.object();
        document.put("errorMessage", error.errorMessage);
        document.put("errorType", error.errorType);
        ArrayNode trace = document.putArray("stackTrace");
        if (error.stackTrace != null) {
            Arrays.stream(error.stackTrace).forEach(trace::add);
        }
        return document;
    }

    /** Drops the frames below the handler's handleRequest: in Lambda they are the runtime's, here the runner's. */
    private Throwable belowHandler(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        int keep = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().equals(definition.handlerClass())) {
                keep = i + 1;
            }
        }
        if (keep < 0) {
            keep = frames.length;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals(LocalFunction.class.getName())) {
                    keep = i;
                    break;
                }
            }
        }
        t.setStackTrace(Arrays.copyOf(frames, keep));
        return t;
    }

    /** {@code [I, O]} of the {@code RequestHandler<I, O>} the class implements, as the runtime resolves them. */
    static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type[] arguments = p.getActualTypeArguments();
                    for (Type argument : arguments) {
                        if (argument instanceof TypeVariable<?>) {
                            throw new IllegalArgumentException(handlerClass.getName()
                                    + " must give RequestHandler concrete type arguments");
                        }
                    }
                    return arguments;
                }
            }
        }
        throw new IllegalArgumentException(handlerClass.getName() + " does not implement RequestHandler<I, O>");
    }
}
