package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.context.AuthorizerContext;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import dev.labauth.authorizer.policy.Policies;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place where a decision becomes what API Gateway reads: a policy, a simple response, or an error. */
final class Answers {
    private Answers() {
    }

    static IamPolicyResponse iamPolicy(Decision decision, ExecuteApiArn arn) {
        if (decision instanceof Decision.Allow allow) {
            return Policies.allowStage(allow.principal().subject(), arn, AuthorizerContext.of(allow.principal()));
        }
        throw refusal((Decision.Refuse) decision);
    }

    static SimpleIAMPolicyResponse simple(Decision decision) {
        if (decision instanceof Decision.Allow allow) {
            Map<String, String> context = new LinkedHashMap<>();
            // The simple response's context type holds strings only; API Gateway accepts them as they are.
            AuthorizerContext.of(allow.principal()).forEach((k, v) -> context.put(k, String.valueOf(v)));
            return SimpleIAMPolicyResponse.builder().withIsAuthorized(true).withContext(context).build();
        }
        throw refusal((Decision.Refuse) decision);
    }

    static RuntimeException refusal(Decision.Refuse refuse) {
        return switch (refuse.reason().kind()) {
            case UNAUTHENTICATED -> new Unauthorized();
            // Route rules are not evaluated yet, so no verified caller is refused a route; should a
            // FORBIDDEN reason reach here, failing closed as our own error is the safe answer.
            case FORBIDDEN, FAILURE -> new AuthorizerFailure(refuse.reason());
        };
    }
}
