package dev.labauth.authorizer.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.JSONStringUtils;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.HttpApiAuthorizer;
import dev.labauth.authorizer.HttpApiSimpleAuthorizer;
import dev.labauth.authorizer.RequestAuthorizer;
import dev.labauth.authorizer.TokenAuthorizer;
import dev.labauth.authorizer.TokenStreamAuthorizer;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.Requirement;
import dev.labauth.core.rules.RoutePattern;
import dev.labauth.core.verify.TokenVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Before Lambda snapshots an initialised function ({@link #beforeCheckpoint}) it
 * fetches the real issuers' key sets and runs the whole decision path of every handler
 * {@value #ROUNDS} times, through the access rules and the policy, so that the classes are loaded and
 * the hot code compiled in the snapshot rather than on the first request. After a restore
 * ({@link #afterRestore}) it asks for the key sets again: a snapshot may be restored long after it was
 * taken, and the key source refetches any set older than its TTL ({@code AUTH0_JWKS_CACHE_SECONDS})
 * and keeps a younger one.
 *
 * <p>The decision path runs on an engine of its own: a verifier that trusts only {@link #ISSUER}, a
 * name in the reserved {@code .invalid} domain, with only the public half of a throwaway key pair whose
 * private half was discarded once {@link #TOKEN} was signed; access rules written here, under which
 * that token is allowed; a decision log that goes nowhere; and no verified-token cache. The real
 * engine trusts neither that issuer nor that key, so every real authorizer refuses the priming token
 * (tests prove it), and the priming run leaves nothing in the real engine's cache or log.
 */
public final class Priming implements Resource {
    /** How often the path runs before a checkpoint: enough for the JIT to compile the hot methods. */
    public static final int ROUNDS = 200;
    public static final String ISSUER = "https://priming.labauth.invalid/";
    public static final String AUDIENCE = "https://priming.labauth.invalid/api";
    /**
     * An RS256 access token of {@link #ISSUER}, shaped like Auth0's (twelve permissions, scopes, roles,
     * an organisation), valid until 2100.
     */
    public static final String TOKEN = "eyJraWQiOiJsYWJhdXRoLXByaW1pbmctb25seSIsInR5cCI6IkpXVCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhdXRoMHxwcmltaW5nIiwiYXVkIjpbImh0dHBzOi8vcHJpbWluZy5sYWJhdXRoLmludmFsaWQvYXBpIiwiaHR0cHM6Ly9wcmltaW5nLmxhYmF1dGguaW52YWxpZC91c2VyaW5mbyJdLCJhenAiOiJsYWJhdXRoLXByaW1pbmciLCJwZXJtaXNzaW9ucyI6WyJyZWFkOmEiLCJ3cml0ZTphIiwicmVhZDpiIiwid3JpdGU6YiIsInJlYWQ6YyIsIndyaXRlOmMiLCJyZWFkOmQiLCJ3cml0ZTpkIiwicmVhZDplIiwid3JpdGU6ZSIsInJlYWQ6ZiIsIndyaXRlOmYiXSwib3JnX2lkIjoib3JnX3ByaW1pbmciLCJzY29wZSI6Im9wZW5pZCBwcm9maWxlIGVtYWlsIHJlYWQ6cHJpbWluZyB3cml0ZTpwcmltaW5nIiwiaXNzIjoiaHR0cHM6Ly9wcmltaW5nLmxhYmF1dGguaW52YWxpZC8iLCJodHRwczovL2xhYmF1dGguZGV2L3JvbGVzIjpbInByaW1pbmctYSIsInByaW1pbmctYiJdLCJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTc2NzIyNTYwMCwianRpIjoibGFiYXV0aC1wcmltaW5nIn0.NnP2Us3SEJNlloRosFWaKr7Jiu1qHjjdUHuiFWrdTTT9Wf24doz1tS0ze8Yql8nmdMCVUmBsngsOAzqu8F_wIW0xK0T9wssCjB8DojjS6RaMF-Cqpdmp_ny2AyuoaT8rrN_rvfMUd14L8e6S2wpqi3ya39osJxLMOXI9T_koidPnh7oDmDvwodz8JKk7l-frbM9Q_Qf2toDkkkb-ydy1hS1Afpr5FIR4rwNsaolDL0mHqqOI6PF4_pk9r5h2J6kv017FjsiICpJW2FBcWQuFCuMzCJ0MIpLIwHFi2-5vG9h7hIoPa8wxDduTLAkvke6YO2WPVhWLRUtbMNM3__JI6g";
    /** The public half of the throwaway key that signed {@link #TOKEN}; the private half no longer exists. */
    static final String PUBLIC_JWK = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"use\":\"sig\",\"kid\":\"labauth-priming-only\",\"alg\":\"RS256\",\"n\":\"n01NsUdW712I60TSHPLzWxRkNKGVd5xMLQjXuTEuSzK3tEifBwxAI6ejU4b7SX2ZpqTR81aglCpj9b-WG1Hi_wf3GugGc00BVsVeVUdajVlj8DxOpbQDgDpAA1cxgQynDPyiOEi1P78Jiaqe-W6FYm6kle5GFP6cnlPj1HXGNJl5EQVrud2cOFTIv1IZBHJtLKGQqt2ft696L_nBDC8T1UkdEK5OxvNFgVLlmUS3v1r6A-S4TWm_4cV_VEBcE9yPLK9zeGN6GjLDsLe4fRqUdNeTA9zsivKWocvZg_Ec28BSRcKoDNa-TfbLLaTgQvKgyvPU3Y6X9-LiKqB_pPvuZw\"}";
    /** The route the priming requests are for; its rule is met by {@link #TOKEN}. */
    static final String ROUTE_ARN = "arn:aws:execute-api:us-east-1:123456789012:priming000/prime/GET/priming";

    /** Lambda's global context holds resources weakly; this keeps the registered one reachable. */
    private static volatile Priming registered;

    private final AuthorizerEngine engine;
    private final Clock clock;
    private final int rounds;

    /** Priming for {@code engine}, whose key sets it fetches; {@code clock} says when the hooks run. */
    public Priming(AuthorizerEngine engine, Clock clock) {
        this(engine, clock, ROUNDS);
    }

    Priming(AuthorizerEngine engine, Clock clock, int rounds) {
        this.engine = engine;
        this.clock = clock;
        this.rounds = rounds;
    }

    /** Registers priming of this engine with the JVM's checkpoint and restore hooks (a no-op where the JVM has none). */
    public static Priming register(AuthorizerEngine engine) {
        Priming priming = new Priming(engine, Clock.systemUTC());
        Core.getGlobalContext().register(priming);
        registered = priming;
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warn(prime());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        warn(refresh());
    }

    /**
     * Fetches the real key sets, then runs the decision path with the priming token. Returns the key sets
     * that could not be fetched: the first request will try them again, so they do not stop the snapshot.
     */
    public List<String> prime() {
        List<String> problems = engine.prefetchKeys(clock.instant());
        runDecisionPath(rounds);
        return problems;
    }

    /** Refetches each real key set older than its TTL; returns those that could not be fetched. */
    public List<String> refresh() {
        return engine.prefetchKeys(clock.instant());
    }

    /** Every handler, event object (or stream) in, answer out, on the priming engine. */
    public static void runDecisionPath(int rounds) {
        runDecisionPath(rounds, line -> { });
    }

    /** As above, with the priming engine's decision lines sent to {@code primingLog} (tests read them). */
    static void runDecisionPath(int rounds, Consumer<String> primingLog) {
        AuthorizerEngine primingEngine = AuthorizerEngine.of(new Gatekeeper(primingVerifier(), primingRules()),
                new DecisionLog(primingLog, Clock.systemUTC()));
        TokenAuthorizer token = new TokenAuthorizer(primingEngine);
        RequestAuthorizer request = new RequestAuthorizer(primingEngine);
        HttpApiAuthorizer http = new HttpApiAuthorizer(primingEngine);
        HttpApiSimpleAuthorizer httpSimple = new HttpApiSimpleAuthorizer(primingEngine);
        TokenStreamAuthorizer stream = new TokenStreamAuthorizer(primingEngine);

        String authorization = "Bearer " + TOKEN;
        APIGatewayCustomAuthorizerEvent tokenEvent = new APIGatewayCustomAuthorizerEvent();
        tokenEvent.setType("TOKEN");
        tokenEvent.setAuthorizationToken(authorization);
        tokenEvent.setMethodArn(ROUTE_ARN);
        RestRequestAuthorizerEvent requestEvent = new RestRequestAuthorizerEvent();
        requestEvent.setType("REQUEST");
        requestEvent.setMethodArn(ROUTE_ARN);
        requestEvent.setHeaders(Map.of("Authorization", authorization));
        requestEvent.setMultiValueHeaders(Map.of("Authorization", List.of(authorization)));
        HttpApiAuthorizerEvent httpEvent = new HttpApiAuthorizerEvent();
        httpEvent.setVersion("2.0");
        httpEvent.setType("REQUEST");
        httpEvent.setRouteArn(ROUTE_ARN);
        httpEvent.setRouteKey("GET /priming");
        httpEvent.setRawPath("/prime/priming");
        httpEvent.setIdentitySource(List.of(authorization));
        httpEvent.setHeaders(Map.of("authorization", authorization));
        Map<String, Object> streamed = new LinkedHashMap<>();
        streamed.put("type", "TOKEN");
        streamed.put("authorizationToken", authorization);
        streamed.put("methodArn", ROUTE_ARN);
        byte[] streamEvent = JSONObjectUtils.toJSONString(streamed).getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < rounds; i++) {
            token.handleRequest(tokenEvent, null);
            request.handleRequest(requestEvent, null);
            http.handleRequest(httpEvent, null);
            httpSimple.handleRequest(httpEvent, null);
            try {
                stream.handleRequest(new ByteArrayInputStream(streamEvent), new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in-memory streams do not fail
            }
        }
    }

    /** Trusts {@link #ISSUER} and the throwaway public key, nothing else. */
    static TokenVerifier primingVerifier() {
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of(VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, AUDIENCE));
        JWKSet keys;
        try {
            keys = new JWKSet(JWK.parse(PUBLIC_JWK));
        } catch (ParseException e) {
            throw new IllegalStateException("the priming key does not parse", e);
        }
        return new TokenVerifier(settings, issuer -> new FixedKeySource(keys), Clock.systemUTC());
    }

    /**
     * Rules of the lab's kinds (a scope, a permission with a role, a route the token may not use, a
     * parameter), so that the policy compiler builds Allow and Deny statements as it does for real callers.
     */
    static AccessRules primingRules() {
        return new AccessRules(List.of(
                new AccessRule(RoutePattern.parse("GET /priming"), new Requirement.Scope("read:priming"), true, 1),
                new AccessRule(RoutePattern.parse("POST /priming"), new Requirement.AllOf(List.of(
                        new Requirement.Permission("write:a"), new Requirement.Role("priming-a"))), false, 2),
                new AccessRule(RoutePattern.parse("GET /priming/{id}"), new Requirement.AnyOf(List.of(
                        new Requirement.Scope("read:priming"), new Requirement.Permission("read:a"))), true, 3),
                new AccessRule(RoutePattern.parse("DELETE /priming/{id}"), new Requirement.Scope("delete:priming"), true, 4)));
    }

    private static void warn(List<String> problems) {
        for (String problem : problems) {
            System.err.println("{\"level\":\"WARN\",\"message\":" + JSONStringUtils.toJSONString(
                    "SnapStart hook: key set not fetched; the first request will try again: " + problem) + "}");
        }
    }
}
