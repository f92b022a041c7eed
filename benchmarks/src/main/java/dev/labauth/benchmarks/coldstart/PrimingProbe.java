package dev.labauth.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.TokenAuthorizer;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * What SnapStart priming buys, measured in-process since this JDK cannot checkpoint: in a fresh JVM,
 * build the authorizer from the environment as Lambda's init does, then either run the priming hook
 * ({@code primed}: what a snapshot would hold) or not ({@code cold}), and time the first real decision
 * of a TOKEN event.
 *
 * <p>Decision log lines go to standard error, as in Lambda. The hook, {@value #PRIMING}, is found by name: a build without it prints
 * {@value #UNAVAILABLE} and exits 0, so that the harness can say so and go on. It is built from
 * whichever of its constructors ({@code (AuthorizerEngine, Clock)}, {@code (AuthorizerEngine)},
 * {@code ()}) it has, and run through {@code prime()}.
 *
 * <p>Usage: {@code PrimingProbe cold|primed EVENT_FILE}; prints {@code first_decision_ms=…}.
 */
public final class PrimingProbe {
    static final String PRIMING = "dev.labauth.authorizer.priming.Priming";
    static final String UNAVAILABLE = "priming not available in this build";

    private PrimingProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean primed = args[0].equals("primed");
        Class<?> priming = primingClass();
        if (priming == null) {
            System.out.println(UNAVAILABLE + " (no class " + PRIMING + ")");
            return;
        }
        APIGatewayCustomAuthorizerEvent event = JacksonFactory.getInstance()
                .getSerializer(APIGatewayCustomAuthorizerEvent.class)
                .fromJson(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))));
        // The process's engine, as the handler's no-arg constructor (Lambda's init) builds it: a hook
        // built with no arguments can only reach this one.
        AuthorizerEngine engine = AuthorizerEngine.shared();
        TokenAuthorizer handler = new TokenAuthorizer(engine);
        long primingNanos = 0;
        if (primed) {
            long p0 = System.nanoTime();
            prime(priming, engine);
            primingNanos = System.nanoTime() - p0;
        }
        long t0 = System.nanoTime();
        IamPolicyResponse response = handler.handleRequest(event, null);
        long t1 = System.nanoTime();
        // A refusal throws; a 403 answers with a reason in its context. Only an Allow counts.
        if (response.getPrincipalId() == null || (response.getContext() != null && response.getContext().containsKey("reason"))) {
            throw new IllegalStateException("the first decision was not an Allow: " + response.getContext());
        }
        System.out.printf("mode=%s priming_ms=%.1f first_decision_ms=%.2f%n", args[0], primingNanos / 1e6, (t1 - t0) / 1e6);
    }

    private static Class<?> primingClass() {
        try {
            return Class.forName(PRIMING);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return null;
        }
    }

    private static void prime(Class<?> priming, AuthorizerEngine engine) throws Exception {
        Object hook = null;
        for (Constructor<?> c : priming.getConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (Arrays.equals(p, new Class<?>[] {AuthorizerEngine.class, Clock.class})) {
                hook = c.newInstance(engine, Clock.systemUTC());
                break;
            }
            if (Arrays.equals(p, new Class<?>[] {AuthorizerEngine.class})) {
                hook = c.newInstance(engine);
            } else if (p.length == 0 && hook == null) {
                hook = c.newInstance();
            }
        }
        if (hook == null) {
            throw new IllegalStateException(PRIMING + " has none of the constructors (AuthorizerEngine, Clock),"
                    + " (AuthorizerEngine), (): this probe needs porting to it");
        }
        Method prime;
        try {
            prime = priming.getMethod("prime");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(PRIMING + " has no public prime(): this probe needs porting to it", e);
        }
        try {
            prime.invoke(hook);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("priming failed", e.getCause());
        }
    }
}
