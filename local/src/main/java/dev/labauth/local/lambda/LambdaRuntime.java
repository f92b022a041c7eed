package dev.labauth.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs Lambda handlers in this process as the Lambda Java runtime runs them: the event JSON becomes
 * the handler's input type and the return value becomes JSON through {@code aws-lambda-java-serialization},
 * choosing, as the runtime does, the event serialisers for the AWS event classes it knows
 * (proxy events) and its plain Jackson factory for everything else (the authorizer types), and a
 * thrown error becomes Lambda's error object.
 */
public final class LambdaRuntime {
    private LambdaRuntime() {
    }

    /** What one invocation returned: the response JSON, or Lambda's error object when the handler threw. */
    public record Result(String json, boolean failed, String errorMessage) {
    }

    /** A handler around a given instance (the caller built it, e.g. with its own engine). */
    public static <I, O> Function<I, O> of(String name, RequestHandler<I, O> handler, Class<I> eventType,
            Class<O> responseType) {
        return new Function<>(name, handler, eventType, responseType);
    }

    /**
     * Loads a handler as the runtime does from a template's {@code Handler} ({@code pkg.Class} or
     * {@code pkg.Class::handleRequest}). The runtime hands a function its environment through the
     * process; in one shared JVM that cannot be done, so a handler class with a public constructor
     * taking {@code Map<String, String>} receives the function's environment there, and one without
     * is built with its no-argument constructor.
     */
    public static Function<?, ?> load(String name, String handler, Map<String, String> environment) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Class<?> type = Class.forName(className);
            Object instance;
            try {
                Constructor<?> withEnvironment = type.getConstructor(Map.class);
                instance = withEnvironment.newInstance(Map.copyOf(environment));
            } catch (NoSuchMethodException e) {
                instance = type.getConstructor().newInstance();
            }
            if (instance instanceof RequestStreamHandler streamHandler) {
                return new Function<>(name, streamHandler);
            }
            if (!(instance instanceof RequestHandler<?, ?> requestHandler)) {
                throw new IllegalArgumentException(className + " is neither a RequestHandler nor a RequestStreamHandler");
            }
            return wrap(name, requestHandler, type);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("handler class " + className + " is not on the classpath", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("handler " + className + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate handler " + className + ": " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<?, ?> wrap(String name, RequestHandler<?, ?> handler, Class<?> type) {
        Type[] io = requestHandlerTypes(type);
        return new Function(name, handler, rawClass(io[0]), rawClass(io[1]));
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " does not name RequestHandler's type arguments");
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    @SuppressWarnings("unchecked")
    static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, LambdaRuntime.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** One warm instance of a function: successive invocations share its handler and caches. */
    public static final class Function<I, O> {
        private final String name;
        private final RequestHandler<I, O> handler;
        private final PojoSerializer<I> eventSerializer;
        private final PojoSerializer<O> responseSerializer;
        /** Set instead of the three above for a stream handler: it reads the event and writes the answer itself. */
        private final RequestStreamHandler stream;

        Function(String name, RequestHandler<I, O> handler, Class<I> eventType, Class<O> responseType) {
            this.name = name;
            this.handler = handler;
            this.eventSerializer = serializerFor(eventType);
            this.responseSerializer = serializerFor(responseType);
            this.stream = null;
        }

        Function(String name, RequestStreamHandler stream) {
            this.name = name;
            this.handler = null;
            this.eventSerializer = null;
            this.responseSerializer = null;
            this.stream = stream;
        }

        public String name() {
            return name;
        }

        public Result invoke(String eventJson) {
            if (stream != null) {
                return invokeStream(eventJson);
            }
            I event;
            try {
                event = eventSerializer.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                return error(e);
            }
            O response;
            try {
                response = handler.handleRequest(event, new LocalContext(name));
            } catch (RuntimeException e) {
                return error(e);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                responseSerializer.toJson(response, out);
            } catch (RuntimeException e) {
                return error(e);
            }
            return new Result(out.toString(StandardCharsets.UTF_8), false, null);
        }

        /** As the runtime runs a stream handler: the event's bytes in, whatever it wrote out. */
        private Result invokeStream(String eventJson) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                        new LocalContext(name));
            } catch (IOException | RuntimeException e) {
                return error(e);
            }
            return new Result(out.toString(StandardCharsets.UTF_8), false, null);
        }

        private static Result error(Exception e) {
            Map<String, Object> error = new LinkedHashMap<>();
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            error.put("errorMessage", message);
            error.put("errorType", e.getClass().getName());
            return new Result(JSONObjectUtils.toJSONString(error), true, message);
        }
    }

    /** The invocation context the handlers receive. */
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
