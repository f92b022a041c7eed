package dev.labauth.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda authorizer's answer as API Gateway accepts it: a principal, an IAM policy and a flat
 * context of strings, numbers and booleans. Anything else is an authorizer configuration error (500).
 */
record AuthorizerAnswer(String principalId, Map<String, Object> policyDocument, Map<String, Object> context) {

    @SuppressWarnings("unchecked")
    static AuthorizerAnswer parse(Map<String, Object> response) {
        if (!(response.get("principalId") instanceof String principal) || principal.isEmpty()) {
            throw new IllegalArgumentException("the answer has no principalId");
        }
        if (!(response.get("policyDocument") instanceof Map<?, ?> policy)) {
            throw new IllegalArgumentException("the answer has no policyDocument");
        }
        if (!"2012-10-17".equals(policy.get("Version"))) {
            throw new IllegalArgumentException("policyDocument.Version is " + policy.get("Version"));
        }
        Object statement = policy.get("Statement");
        if (!(statement instanceof List<?>) && !(statement instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("policyDocument has no Statement");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        Object raw = response.get("context");
        if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = e.getValue();
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException("context value '" + e.getKey() + "' is not a string, number or boolean");
                }
                if (v != null) {
                    context.put(String.valueOf(e.getKey()), v);
                }
            }
        } else if (raw != null) {
            throw new IllegalArgumentException("context is not an object");
        }
        return new AuthorizerAnswer(principal, (Map<String, Object>) policy, context);
    }
}
