package dev.labauth.authorizer.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.TokenAuthorizer;
import dev.labauth.authorizer.Unauthorized;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.core.testing.MutableClock;
import dev.labauth.core.verify.Reason;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks, called directly (this JVM cannot checkpoint), for a real engine whose key set a
 * dev issuer serves on loopback and counts.
 */
class PrimingTest {
    /** The hooks' work is the same at any round count; the default count is run once, in its own test. */
    private static final int FEW = 2;
    private static final String ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/me";

    private DevIssuer issuer;
    private final DecisionLines log = new DecisionLines();
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void startIssuer() throws IOException {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void beforeCheckpoint_fetchesTheRealKeySet_andRunsThePathOffTheRecord() {
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", issuer.issuer()));

        new Priming(engine, clock, FEW).beforeCheckpoint(null);

        assertThat(issuer.jwksRequests()).as("the real key set was fetched").isEqualTo(1);
        assertThat(log.all()).as("priming decisions never reach the real decision log").isEmpty();
        assertThat(engine.verifiedTokenCache()).hasValueSatisfying(cache ->
                assertThat(cache.size()).as("nor the real verified-token cache").isZero());
    }

    @Test
    void theDecisionPathReachesAllowOnEveryHandler_throughTheRulesAndThePolicy() {
        List<String> primingLog = new ArrayList<>();

        Priming.runDecisionPath(2, primingLog::add);

        List<Map<String, Object>> lines = primingLog.stream().map(PrimingTest::json).toList();
        assertThat(lines).hasSize(10).allSatisfy(line -> assertThat(line)
                .containsEntry("Outcome", "allow").containsEntry("rule", "GET /priming").containsEntry("sub", "auth0|priming"));
        assertThat(lines.subList(0, 5)).extracting(line -> line.get("Authorizer"))
                .containsExactly("token", "request", "http", "http-simple", "token");
    }

    @Test
    void theDefaultRoundsRunOnThePrimingEngineOnly() {
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", issuer.issuer()));

        assertThat(new Priming(engine, clock).prime()).isEmpty();

        assertThat(log.all()).isEmpty();
        assertThat(engine.verifiedTokenCache().orElseThrow().size()).isZero();
    }

    @Test
    void aPrimedAuthorizerStillRefusesThePrimingToken() {
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", issuer.issuer()));
        new Priming(engine, clock, FEW).beforeCheckpoint(null);

        assertThat(engine.decide("token", "Bearer " + Priming.TOKEN, "GET", "/me", ARN))
                .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_ISSUER));
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("TOKEN");
        event.setAuthorizationToken("Bearer " + Priming.TOKEN);
        event.setMethodArn(ARN);
        assertThatThrownBy(() -> new TokenAuthorizer(engine).handleRequest(event, null))
                .isInstanceOf(Unauthorized.class).hasMessage("Unauthorized");
    }

    @Test
    void theThrowawayKeyIsNeverTrusted_evenWhenThePrimingIssuerIsConfigured() {
        // Someone configures the priming issuer's name: keys still come only from the configured key set.
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", Priming.ISSUER,
                "AUTH0_AUDIENCE", Priming.AUDIENCE, "AUTH0_JWKS_URI", issuer.jwksUri()));
        new Priming(engine, clock, FEW).beforeCheckpoint(null);

        assertThat(engine.decide("token", "Bearer " + Priming.TOKEN, "GET", "/me", ARN))
                .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void afterRestore_refetchesOnlyAKeySetOlderThanItsTtl() {
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", issuer.issuer(), "AUTH0_JWKS_CACHE_SECONDS", "600"));
        Priming priming = new Priming(engine, clock, FEW);
        priming.beforeCheckpoint(null);

        clock.advance(java.time.Duration.ofSeconds(599));
        priming.afterRestore(null);
        assertThat(issuer.jwksRequests()).as("restored within the TTL: the snapshot's key set is kept").isEqualTo(1);

        clock.advance(java.time.Duration.ofSeconds(2));
        priming.afterRestore(null);
        assertThat(issuer.jwksRequests()).as("restored past the TTL: fetched afresh").isEqualTo(2);
        assertThat(log.all()).isEmpty();
    }

    @Test
    void anUnreachableKeySetDoesNotStopTheSnapshot_itIsReported() throws IOException {
        DevIssuer gone = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        gone.close();
        AuthorizerEngine engine = realEngine(Map.of("AUTH0_ISSUER", gone.issuer()));
        Priming priming = new Priming(engine, clock, FEW);

        assertThat(priming.prime()).singleElement().asString().contains(gone.jwksUri());
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }

    @Test
    void aMisconfiguredAuthorizerPrimesWithoutFailing() {
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(Map.of(), log);
        Priming priming = new Priming(engine, clock, FEW);

        assertThat(priming.prime()).isEmpty();
        priming.afterRestore(null);

        assertThat(engine.decide("token", "Bearer " + Priming.TOKEN, "GET", "/me", ARN))
                .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.reason()).isEqualTo(Reason.MISCONFIGURED));
    }

    @Test
    void registeringWithAJvmThatCannotCheckpointIsHarmless() {
        Priming registered = Priming.register(realEngine(Map.of("AUTH0_ISSUER", issuer.issuer())));

        assertThat(registered).isNotNull();
        assertThat(issuer.jwksRequests()).as("registering fetches nothing").isZero();
    }

    private AuthorizerEngine realEngine(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.putIfAbsent("AUTH0_AUDIENCE", DevTenant.DEFAULT_AUDIENCE);
        return AuthorizerEngine.fromEnvironment(env, log);
    }

    private static Map<String, Object> json(String line) {
        try {
            return com.nimbusds.jose.util.JSONObjectUtils.parse(line);
        } catch (java.text.ParseException e) {
            throw new AssertionError(line, e);
        }
    }
}
