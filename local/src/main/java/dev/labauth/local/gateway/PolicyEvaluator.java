package dev.labauth.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an authorizer's IAM policy against a request's method ARN the way API Gateway does for
 * {@code execute-api:Invoke}: an explicit Deny wins, else an Allow must match, else the request is
 * denied. In execute-api resources {@code *} matches any run of characters, {@code /} included.
 */
final class PolicyEvaluator {
    enum Effect { ALLOW, DENY, NO_MATCH }

    private PolicyEvaluator() {
    }

    /** Throws IllegalArgumentException for a policy API Gateway would reject as malformed. */
    static Effect evaluate(Map<String, Object> policyDocument, String methodArn) {
        Object statements = policyDocument.get("Statement");
        List<?> list = statements instanceof List<?> l ? l : statements instanceof Map<?, ?> m ? List.of(m) : null;
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("policyDocument has no Statement");
        }
        boolean allowed = false;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> statement)) {
                throw new IllegalArgumentException("a Statement is not an object");
            }
            Object effect = statement.get("Effect");
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                throw new IllegalArgumentException("a Statement's Effect is " + effect);
            }
            if (!any(statement.get("Action"), a -> a.equals("execute-api:Invoke") || a.equals("execute-api:*") || a.equals("*"))) {
                continue;
            }
            if (!any(statement.get("Resource"), r -> glob(r).matcher(methodArn).matches())) {
                continue;
            }
            if (effect.equals("Deny")) {
                return Effect.DENY;
            }
            allowed = true;
        }
        return allowed ? Effect.ALLOW : Effect.NO_MATCH;
    }

    private static boolean any(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof String s) {
            return test.test(s);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> v instanceof String s && test.test(s));
        }
        throw new IllegalArgumentException("Action and Resource must be a string or a list of strings");
    }

    private static Pattern glob(String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
