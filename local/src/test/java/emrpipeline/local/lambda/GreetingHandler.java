package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler shaped like the project's: a JavaBean request, a record result, its own exception type. */
public class GreetingHandler implements RequestHandler<GreetingHandler.Request, GreetingHandler.Result> {

    /** The request as a JavaBean (the runtime's serializer needs setters). */
    public static class Request {
        private String name;
        private String times;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getTimes() {
            return times;
        }

        public void setTimes(String times) {
            this.times = times;
        }
    }

    public record Result(String greeting, Integer times, String note, int remainingMillisPositive) {
    }

    public static class InvalidGreetingException extends RuntimeException {
        public InvalidGreetingException(String message) {
            super(message);
        }
    }

    @Override
    public Result handleRequest(Request request, Context context) {
        System.out.println("greeting " + request.getName());
        if (request.getName() == null || request.getName().isBlank()) {
            throw validationFailure("name is required");
        }
        int times = request.getTimes() == null ? 1 : Integer.parseInt(request.getTimes());
        return new Result("hello " + request.getName(), times, null, context.getRemainingTimeInMillis() > 0 ? 1 : 0);
    }

    private static InvalidGreetingException validationFailure(String message) {
        return new InvalidGreetingException(message);
    }
}
