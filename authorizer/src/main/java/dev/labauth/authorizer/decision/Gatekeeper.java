package dev.labauth.authorizer.decision;

import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;

/**
 * From the raw {@code Authorization} value to a decision: extract the bearer token, verify it.
 * Whatever goes wrong inside becomes a refusal: nothing unexpected ever turns into an Allow.
 */
public final class Gatekeeper {
    private final TokenVerifier verifier;

    public Gatekeeper(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public Decision decide(String authorizationHeader) {
        try {
            BearerCredential credential = BearerCredential.parse(authorizationHeader);
            if (credential instanceof BearerCredential.Refused refused) {
                return new Decision.Refuse(refused.reason(), refused.description());
            }
            Verification verification = verifier.verify(((BearerCredential.Token) credential).value());
            if (verification instanceof Verification.Rejected rejected) {
                return new Decision.Refuse(rejected.reason(), rejected.description());
            }
            return new Decision.Allow(((Verification.Verified) verification).principal());
        } catch (RuntimeException e) {
            return new Decision.Refuse(Reason.INTERNAL_ERROR, "unexpected " + e.getClass().getName());
        }
    }
}
