package emrpipeline.janitor;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The Lambda Java runtime's own serializer (aws-lambda-java-serialization's {@code JacksonFactory}, which the
 * runtime uses for a {@code RequestHandler}'s input and output), reached by reflection because it belongs to the
 * runtime, not to this artifact. Deserializing a sample event with it before a SnapStart snapshot builds and caches
 * the runtime's deserializer for the handler's input type. (Each function has this class: each is built alone.)
 */
final class RuntimeSerializer {
    static final String FACTORY = "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
    private static final String SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

    private RuntimeSerializer() {
    }

    /** {@code json} as the runtime would hand it to the handler; empty where the runtime's serializer is absent. */
    static <T> Optional<T> fromJson(Class<T> type, InputStream json) {
        Class<?> factory;
        try {
            factory = Class.forName(FACTORY, true, RuntimeSerializer.class.getClassLoader());
        } catch (ClassNotFoundException notInThisRuntime) {
            return Optional.empty();
        }
        try {
            Object instance = factory.getMethod("getInstance").invoke(null);
            Object serializer = factory.getMethod("getSerializer", Type.class).invoke(instance, type);
            Method fromJson = Class.forName(SERIALIZER, true, factory.getClassLoader()).getMethod("fromJson", InputStream.class);
            return Optional.of(type.cast(fromJson.invoke(serializer, json)));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the runtime's serializer refused the sample event: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the runtime's serializer changed: " + e, e);
        }
    }
}
