package dev.labauth.authorizer.testing;

import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.RoutePattern;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real dev issuer on loopback (JWKS served over HTTP) and the authorizer configured for it as
 * in Lambda: {@code AUTH0_ISSUER} = the issuer's URL, {@code AUTH0_AUDIENCE} = its API.
 */
public final class TestTenant implements AutoCloseable {
    public static final String AUDIENCE = DevTenant.DEFAULT_AUDIENCE;
    public static final String USER = "auth0|65a1f0c2d4e5f60718293a4b";
    public static final String WEB_CLIENT = "kT9bq2WlM4xZr8Vd1Np6Ys3Hc0Fe7Ga5";

    /**
     * Every route needs only a valid token: these tests are about tokens, events and answers. The
     * rules' own effect on routes is tested with the lab's rules elsewhere.
     */
    public static final AccessRules AUTHENTICATED_EVERYWHERE = AccessRulesFile.parse("""
            default: deny
            rules:
              - route: ANY /
                require: authenticated
              - route: ANY /{proxy+}
                require: authenticated
            """, "authenticated-everywhere.yaml");

    /** The resources of an Allow under {@link #AUTHENTICATED_EVERYWHERE}: every verb, below the root and the root itself. */
    public static List<String> everyRouteOf(String stagePrefix) {
        List<String> resources = new java.util.ArrayList<>();
        RoutePattern.VERBS.forEach(verb -> resources.add(stagePrefix + verb + "/*"));
        RoutePattern.VERBS.forEach(verb -> resources.add(stagePrefix + verb + "/"));
        return resources;
    }

    private final DevIssuer issuer;

    private TestTenant(DevIssuer issuer) {
        this.issuer = issuer;
    }

    public static TestTenant start() {
        try {
            return new TestTenant(DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DevIssuer issuer() {
        return issuer;
    }

    public Map<String, String> environment() {
        return Map.of(VerifierSettings.ISSUER, issuer.issuer(), VerifierSettings.AUDIENCE, AUDIENCE);
    }

    /** The production verifier: JWKS over HTTP, system clock. */
    public Harness remoteHarness() {
        VerifierSettings settings = VerifierSettings.fromEnvironment(environment());
        DecisionLines log = new DecisionLines();
        return new Harness(AuthorizerEngine.of(new Gatekeeper(TokenVerifier.remote(settings), AUTHENTICATED_EVERYWHERE),
                new DecisionLog(log, Clock.systemUTC())), log);
    }

    /** JWKS over HTTP as in production, but token times (and cache times) judged at {@code clock}. */
    public Harness harnessAt(Clock clock) {
        VerifierSettings settings = VerifierSettings.fromEnvironment(environment());
        DecisionLines log = new DecisionLines();
        TokenVerifier verifier = new TokenVerifier(settings,
                trusted -> new RemoteKeySource(trusted.jwksUri(), settings.jwks()), clock);
        return new Harness(AuthorizerEngine.of(new Gatekeeper(verifier, AUTHENTICATED_EVERYWHERE), new DecisionLog(log, clock)), log);
    }

    /** An Auth0-shaped user access token's claims for this tenant's API, issued at {@code issuedAt}, valid 24 h. */
    public AccessTokenClaims user(Instant issuedAt) {
        return AccessTokenClaims.forUser(issuer.issuer(), USER, WEB_CLIENT, issuedAt)
                .audience(AUDIENCE)
                .scope("openid profile read:experiments")
                .permissions(List.of("read:experiments"))
                .claim("jti", UUID.randomUUID().toString());
    }

    public String sign(AccessTokenClaims claims) {
        return issuer.sign(claims.toMap());
    }

    /** A valid user token, issued now. */
    public String validToken() {
        return sign(user(Instant.now()));
    }

    @Override
    public void close() {
        issuer.close();
    }
}
