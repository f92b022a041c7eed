package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.context.AuthorizerContext;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import dev.labauth.authorizer.policy.PolicyCompiler;
import dev.labauth.core.principal.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place where a decision becomes what API Gateway reads: a policy, a simple response, or an error. */
final class Answers {
    private Answers() {
    }

    /**
     * Allow and Forbid both answer with the caller's whole-stage policy (API Gateway caches it for
     * the token and applies it to the next routes too); a Forbid's context says what this route lacked.
     */
    static IamPolicyResponse iamPolicy(AuthorizerEngine engine, Decision decision, ExecuteApiArn arn) {
        Principal principal = verifiedCaller(decision);
        Map<String, Object> context = context(decision, principal);
        PolicyCompiler.Answer answer = engine.policies().answer(principal, arn);
        answer.denied().ifPresent(denied -> context.put("denied", denied));
        return IamPolicyResponse.builder()
                .withPrincipalId(principal.subject())
                .withPolicyDocument(answer.policy())
                .withContext(context)
                .build();
    }

    /** A simple response answers for this route only (its cache key must then include the route). */
    static SimpleIAMPolicyResponse simple(Decision decision) {
        Principal principal = verifiedCaller(decision);
        Map<String, String> context = new LinkedHashMap<>();
        // The simple response's context type holds strings only; API Gateway accepts them as they are.
        context(decision, principal).forEach((k, v) -> context.put(k, String.valueOf(v)));
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(decision instanceof Decision.Allow)
                .withContext(context)
                .build();
    }

    /** The caller of an Allow or a Forbid; a Refuse becomes the error API Gateway maps to 401 or 500. */
    private static Principal verifiedCaller(Decision decision) {
        if (decision instanceof Decision.Allow allow) {
            return allow.principal();
        }
        if (decision instanceof Decision.Forbid forbid) {
            return forbid.principal();
        }
        throw refusal((Decision.Refuse) decision);
    }

    private static Map<String, Object> context(Decision decision, Principal principal) {
        Map<String, Object> context = AuthorizerContext.of(principal);
        if (decision instanceof Decision.Forbid forbid) {
            context.put("reason", forbid.reason().code());
            context.put("required", forbid.required());
        }
        return context;
    }

    static RuntimeException refusal(Decision.Refuse refuse) {
        return switch (refuse.reason().kind()) {
            case UNAUTHENTICATED -> new Unauthorized();
            // A Refuse never carries a FORBIDDEN reason (that is a Forbid); should one appear, fail closed as ours.
            case FORBIDDEN, FAILURE -> new AuthorizerFailure(refuse.reason());
        };
    }
}
