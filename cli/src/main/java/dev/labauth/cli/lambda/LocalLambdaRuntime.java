package dev.labauth.cli.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a handler as the Lambda Java runtime does: the event JSON is turned into the handler's input
 * type and the return value into JSON by {@code aws-lambda-java-serialization}'s Jackson factory (the
 * runtime's choice for types outside its list of event classes, which the authorizer types are),
 * and a thrown error becomes Lambda's error object.
 */
public final class LocalLambdaRuntime {
    private LocalLambdaRuntime() {
    }

    /** What one invocation returned: the response JSON, or Lambda's error object when the handler threw. */
    public record Result(String json, boolean failed, String errorMessage) {
    }

    /** One warm instance of a function: successive invocations share its handler and caches. */
    public static final class Instance<I, O> {
        private final LambdaFunction<I, O> function;
        private final RequestHandler<I, O> handler;
        private final PojoSerializer<I> eventSerializer;
        private final PojoSerializer<O> responseSerializer;

        Instance(LambdaFunction<I, O> function, RequestHandler<I, O> handler) {
            this.function = function;
            this.handler = handler;
            this.eventSerializer = JacksonFactory.getInstance().getSerializer(function.eventType());
            this.responseSerializer = JacksonFactory.getInstance().getSerializer(function.responseType());
        }

        public Result invoke(String eventJson) {
            I event;
            try {
                event = eventSerializer.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                return error(e);
            }
            O response;
            try {
                response = handler.handleRequest(event, new LocalContext(function.name()));
            } catch (RuntimeException e) {
                return error(e);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            responseSerializer.toJson(response, out);
            return new Result(out.toString(StandardCharsets.UTF_8), false, null);
        }

        private static Result error(RuntimeException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            error.put("errorMessage", message);
            error.put("errorType", e.getClass().getName());
            return new Result(JSONObjectUtils.toJSONString(error), true, message);
        }
    }

    /** The invocation context the handlers receive; they read nothing from it but the logger. */
    private record LocalContext(String functionName) implements Context {
        @Override
        public String getAwsRequestId() {
            return UUID.randomUUID().toString();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
