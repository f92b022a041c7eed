package dev.labauth.authorizer.policy;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.core.rules.Globs;

/** How API Gateway reads a policy for one method ARN: an explicit Deny wins, else an Allow must match. */
final class PolicyEvaluation {
    private PolicyEvaluation() {
    }

    static boolean allows(IamPolicyResponse.PolicyDocument policy, String methodArn) {
        boolean allowed = false;
        for (IamPolicyResponse.Statement s : policy.getStatement()) {
            boolean matches = s.getResource().stream().anyMatch(r -> Globs.matches(r, methodArn));
            if (matches && IamPolicyResponse.DENY.equals(s.getEffect())) {
                return false;
            }
            allowed |= matches && IamPolicyResponse.ALLOW.equals(s.getEffect());
        }
        return allowed;
    }
}
