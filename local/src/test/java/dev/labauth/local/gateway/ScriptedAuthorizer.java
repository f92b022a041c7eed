package dev.labauth.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TOKEN authorizer whose answer the test chooses through the token itself, so the gateway's own
 * behaviour (caching, policy evaluation, error mapping) is what the tests observe.
 */
public final class ScriptedAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final Map<String, AtomicInteger> INVOCATIONS = new ConcurrentHashMap<>();
    static final AtomicInteger TOTAL = new AtomicInteger();

    static int invocations(String token) {
        return INVOCATIONS.getOrDefault(token, new AtomicInteger()).get();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        TOTAL.incrementAndGet();
        String header = (String) event.get("authorizationToken");
        String token = header.substring("Bearer ".length());
        INVOCATIONS.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        String arn = (String) event.get("methodArn");
        String stage = arn.substring(0, arn.indexOf("/", arn.indexOf("/") + 1));
        if (token.startsWith("allow-all")) {
            return answer(List.of(statement("Allow", stage + "/*")), Map.of("sub", "user-1", "n", 7, "ok", true));
        }
        switch (token) {
            case "allow-get" -> {
                return answer(List.of(statement("Allow", stage + "/GET/*"), statement("Deny", stage + "/POST/items")),
                        Map.of("sub", "reader", "reason", "insufficient_scope"));
            }
            case "allow-but-deny-items" -> {
                return answer(List.of(statement("Allow", stage + "/*"), statement("Deny", stage + "/GET/items/*")),
                        Map.of("sub", "partial"));
            }
            case "only-health" -> {
                return answer(List.of(statement("Allow", stage + "/GET/health")), Map.of());
            }
            case "unauthorized" -> throw new RuntimeException("Unauthorized");
            case "boom" -> throw new IllegalStateException("boom");
            case "no-policy" -> {
                return Map.of("principalId", "x");
            }
            case "nested-context" -> {
                return answer(List.of(statement("Allow", stage + "/*")), Map.of("claims", Map.of("a", 1)));
            }
            default -> throw new RuntimeException("Unauthorized");
        }
    }

    private static Map<String, Object> statement(String effect, String resource) {
        return Map.of("Action", "execute-api:Invoke", "Effect", effect, "Resource", List.of(resource));
    }

    private static Map<String, Object> answer(List<Map<String, Object>> statements, Map<String, Object> context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("principalId", context.getOrDefault("sub", "someone"));
        answer.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", statements));
        answer.put("context", context);
        return answer;
    }
}
