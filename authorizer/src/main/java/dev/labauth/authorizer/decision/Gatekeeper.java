package dev.labauth.authorizer.decision;

import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessDecision;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;

/**
 * From the raw {@code Authorization} value and the requested route to a decision: extract the
 * bearer token, verify it, apply the route's rule. Whatever goes wrong inside becomes a refusal:
 * nothing unexpected ever turns into an Allow.
 */
public final class Gatekeeper {
    private final TokenVerifier verifier;
    private final AccessRules rules;

    public Gatekeeper(TokenVerifier verifier, AccessRules rules) {
        this.verifier = verifier;
        this.rules = rules;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public AccessRules rules() {
        return rules;
    }

    public Decision decide(String authorizationHeader, String method, String path) {
        try {
            BearerCredential credential = BearerCredential.parse(authorizationHeader);
            if (credential instanceof BearerCredential.Refused refused) {
                return new Decision.Refuse(refused.reason(), refused.description());
            }
            Verification verification = verifier.verify(((BearerCredential.Token) credential).value());
            if (verification instanceof Verification.Rejected rejected) {
                return new Decision.Refuse(rejected.reason(), rejected.description());
            }
            Principal principal = ((Verification.Verified) verification).principal();
            AccessDecision access = rules.decide(principal, method, path);
            if (access instanceof AccessDecision.Granted granted) {
                return new Decision.Allow(principal, granted.rule());
            }
            AccessDecision.Refused refused = (AccessDecision.Refused) access;
            return new Decision.Forbid(principal,
                    refused.rule().map(r -> r.describe()).orElse("not listed"), refused.reason());
        } catch (RuntimeException e) {
            return new Decision.Refuse(Reason.INTERNAL_ERROR, "unexpected " + e.getClass().getName());
        }
    }
}
