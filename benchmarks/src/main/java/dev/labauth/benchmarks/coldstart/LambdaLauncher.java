package dev.labauth.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays the Lambda Java runtime's part for one cold invocation, nothing more: load the handler class
 * named on the command line, construct it (the function's init), read the event file with the
 * runtime's own serialisation library into the handler's input type, invoke, and write the response
 * the same way; a {@code RequestStreamHandler} gets the raw bytes instead, as the runtime gives them.
 * Run it on a classpath of the authorizer's deployment jar, the serialisation library and this class
 * only, so that what is timed is what Lambda would load. The handler is named, never referenced: a
 * handler class that a build lacks is reported (exit 3), not a compile error.
 *
 * <p>Usage: {@code LambdaLauncher HANDLER_CLASS EVENT_FILE [INVOCATIONS]}; prints each response as a
 * line and, on standard error, the milliseconds of init and of each invocation.
 */
public final class LambdaLauncher {
    private LambdaLauncher() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> handlerClass;
        try {
            handlerClass = Class.forName(args[0]);
        } catch (ClassNotFoundException e) {
            System.err.println("LambdaLauncher: handler class " + args[0] + " is not in this build");
            System.exit(3);
            return;
        }
        Object handler0 = handlerClass.getDeclaredConstructor().newInstance();
        long initialised = System.nanoTime();
        if (handler0 instanceof RequestStreamHandler stream) {
            // The runtime hands a stream handler the raw bytes: no serialiser is ever built.
            byte[] raw = Files.readAllBytes(Path.of(args[1]));
            long t0 = System.nanoTime();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new java.io.ByteArrayInputStream(raw), bytes, new LauncherContext());
            } catch (RuntimeException e) {
                System.out.println(errorObject(e));
                System.exit(1);
                return;
            }
            System.out.println(bytes.toString(StandardCharsets.UTF_8));
            System.err.println("init_ms=" + ms(initialised - start) + " invoke1_ms=" + ms(System.nanoTime() - t0));
            return;
        }
        RequestHandler handler = (RequestHandler) handler0;
        Type[] types = requestHandlerTypes(handlerClass);
        PojoSerializer in = JacksonFactory.getInstance().getSerializer((Class<?>) types[0]);
        PojoSerializer out = JacksonFactory.getInstance().getSerializer((Class<?>) types[1]);
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int invocations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long ready = System.nanoTime();
        StringBuilder timings = new StringBuilder("init_ms=" + ms(initialised - start)
                + " serializers_ms=" + ms(ready - initialised));
        for (int i = 0; i < invocations; i++) {
            long t0 = System.nanoTime();
            Object response;
            try (InputStream body = new java.io.ByteArrayInputStream(event)) {
                Object input = in.fromJson(body);
                long read = System.nanoTime();
                response = handler.handleRequest(input, new LauncherContext());
                timings.append(" read").append(i + 1).append("_ms=").append(ms(read - t0))
                        .append(" handle").append(i + 1).append("_ms=").append(ms(System.nanoTime() - read));
            } catch (RuntimeException e) {
                System.out.println(errorObject(e));
                System.exit(1);
                return;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.toJson(response, bytes);
            timings.append(" invoke").append(i + 1).append("_ms=").append(ms(System.nanoTime() - t0));
            System.out.println(bytes.toString(StandardCharsets.UTF_8));
        }
        System.err.println(timings);
    }

    /** Lambda's error object for a thrown error, as the runtime prints it. */
    private static String errorObject(Throwable e) {
        return "{\"errorMessage\":" + quoted(String.valueOf(e.getMessage())) + ",\"errorType\":"
                + quoted(e.getClass().getName()) + "}";
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1_000_000.0);
    }

    /** The event and response types, as the runtime finds them: the RequestHandler's type arguments. */
    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Type t : handlerClass.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return p.getActualTypeArguments();
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O>");
    }

    /** The invocation context; the authorizer reads nothing from it. */
    private static final class LauncherContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "cold-start";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/labauth";
        }

        @Override
        public String getLogStreamName() {
            return "cold-start";
        }

        @Override
        public String getFunctionName() {
            return "labauth";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:labauth";
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
