package dev.labauth.authorizer.decision;

import dev.labauth.authorizer.cache.CredentialDigest;
import dev.labauth.authorizer.cache.VerifiedTokenCache;
import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessDecision;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.util.Optional;

/**
 * From the raw {@code Authorization} value and the requested route to a decision: extract the
 * bearer token, verify it (or find it in the verified-token cache), apply the route's rule. The cache
 * stands in for verification only: the rule is applied on every request, hit or miss. Whatever goes
 * wrong inside becomes a refusal: nothing unexpected ever turns into an Allow.
 */
public final class Gatekeeper {
    private final TokenVerifier verifier;
    private final AccessRules rules;
    private final VerifiedTokenCache cache;

    /** Every token is verified in full. */
    public Gatekeeper(TokenVerifier verifier, AccessRules rules) {
        this(verifier, rules, null);
    }

    /** Values that verified before are answered from {@code cache} while it honours them; null for no cache. */
    public Gatekeeper(TokenVerifier verifier, AccessRules rules, VerifiedTokenCache cache) {
        this.verifier = verifier;
        this.rules = rules;
        this.cache = cache;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public AccessRules rules() {
        return rules;
    }

    public Optional<VerifiedTokenCache> cache() {
        return Optional.ofNullable(cache);
    }

    public Decision decide(String authorizationHeader, String method, String path) {
        return decide(AuthorizationValue.of(authorizationHeader), method, path);
    }

    public Decision decide(AuthorizationValue authorization, String method, String path) {
        try {
            Verification verification = verification(authorization);
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

    /**
     * A value seen before is looked up before it is even parsed: the same bytes parse to the same
     * token, and the digest covers every byte of them.
     */
    private Verification verification(AuthorizationValue authorization) {
        Optional<CredentialDigest> digest = authorization.digest();
        if (cache == null || digest.isEmpty()) {
            return extractAndVerify(authorization.value());
        }
        return cache.verified(digest.get(), () -> extractAndVerify(authorization.value()));
    }

    private Verification extractAndVerify(String authorizationHeader) {
        BearerCredential credential = BearerCredential.parse(authorizationHeader);
        if (credential instanceof BearerCredential.Refused refused) {
            return new Verification.Rejected(refused.reason(), refused.description());
        }
        return verifier.verify(((BearerCredential.Token) credential).value());
    }
}
