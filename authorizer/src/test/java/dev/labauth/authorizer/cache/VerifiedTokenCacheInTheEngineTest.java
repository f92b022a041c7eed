package dev.labauth.authorizer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.AuthorizerSettings;
import dev.labauth.authorizer.HttpApiSimpleAuthorizer;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.testing.MutableClock;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache where it works: in the engine, before the lab's access rules, as
 * {@code AuthorizerEngine.fromEnvironment} wires it. Each test lets a good token be cached first, then
 * tries to ride on its entry. The key source counts how often the verifier reaches the signature check;
 * time comes from a clock moved by hand.
 */
class VerifiedTokenCacheInTheEngineTest {
    private static final String ISSUER = "https://lab.eu.auth0.com/";
    private static final String API = "https://api.lab.example";
    private static final String OTHER_API = "https://another-api.example";
    private static final String STAGE = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/";
    private static final DevSigningKey KEY = DevSigningKey.generate();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final CountingKeySource keys = new CountingKeySource(new JWKSet(KEY.publicJwk()));
    private final DecisionLines log = new DecisionLines();
    private final AuthorizerEngine engine = engine(API, AuthorizerSettings.defaults());

    @Test
    void rules_areAppliedOnEveryHit_oneTokenAllowedOnOneRouteAndForbiddenOnAnother() {
        String reader = "Bearer " + token(userClaims(T0).scope("openid read:experiments"));
        assertThat(decide(reader, "GET", "/experiments")).isInstanceOf(Decision.Allow.class);
        assertThat(keys.consulted()).isEqualTo(1);

        Decision read = decide(reader, "GET", "/experiments");
        Decision create = decide(reader, "POST", "/experiments");
        Decision me = decide(reader, "GET", "/me");
        Decision unlisted = decide(reader, "GET", "/admin");

        assertThat(keys.consulted()).as("all four answered from the cache").isEqualTo(1);
        assertThat(read).isInstanceOfSatisfying(Decision.Allow.class,
                a -> assertThat(a.rule().route().toString()).isEqualTo("GET /experiments"));
        assertThat(create).isInstanceOfSatisfying(Decision.Forbid.class, f -> {
            assertThat(f.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
            assertThat(f.required()).isEqualTo("scope:create:experiments, users only");
        });
        assertThat(me).isInstanceOfSatisfying(Decision.Allow.class,
                a -> assertThat(a.rule().route().toString()).isEqualTo("GET /me"));
        assertThat(unlisted).isInstanceOfSatisfying(Decision.Forbid.class,
                f -> assertThat(f.required()).isEqualTo("not listed"));
        assertThat(log.decisions()).extracting(d -> d.get("Outcome"))
                .containsExactly("allow", "allow", "forbidden", "allow", "forbidden");
    }

    @Test
    void rules_aMachineTokenCachedOnAMachineRouteIsStillRefusedAUsersOnlyRoute() {
        String machine = "Bearer " + token(AccessTokenClaims.forClient(ISSUER, "lab-worker", T0)
                .audience(API).scope("read:experiments create:experiments"));

        assertThat(decide(machine, "GET", "/experiments")).isInstanceOf(Decision.Allow.class);
        assertThat(decide(machine, "POST", "/experiments")).isInstanceOfSatisfying(Decision.Forbid.class,
                f -> assertThat(f.description()).contains("machine-to-machine tokens are excluded"));
        assertThat(keys.consulted()).isEqualTo(1);
    }

    @Test
    void rules_aSimpleResponseAnswersEachRouteAfresh_bothAfterAHit() {
        String reader = "Bearer " + token(userClaims(T0).scope("openid read:experiments"));
        decide(reader, "GET", "/me");
        HttpApiAuthorizerEvent event = new HttpApiAuthorizerEvent();
        event.setHeaders(Map.of("authorization", reader));

        event.setRouteArn(STAGE + "GET/experiments");
        SimpleIAMPolicyResponse read = new HttpApiSimpleAuthorizer(engine).handleRequest(event, null);
        event.setRouteArn(STAGE + "POST/experiments");
        SimpleIAMPolicyResponse create = new HttpApiSimpleAuthorizer(engine).handleRequest(event, null);

        assertThat(keys.consulted()).isEqualTo(1);
        assertThat(read.getIsAuthorized()).isTrue();
        assertThat(create.getIsAuthorized()).isFalse();
        assertThat(create.getContext()).containsEntry("reason", "insufficient_scope");
    }

    @Test
    void expired_aCachedTokenIsRefusedOncePastExpAndTheClockSkew() {
        String token = "Bearer " + token(userClaims(T0).expiresAt(T0.plusSeconds(100)));
        assertThat(decide(token, "GET", "/me")).isInstanceOf(Decision.Allow.class);
        clock.set(T0.plusSeconds(99));
        assertThat(decide(token, "GET", "/me")).isInstanceOf(Decision.Allow.class);
        assertThat(keys.consulted()).isEqualTo(1);

        clock.set(T0.plusSeconds(100 + 61));
        assertThat(decide(token, "GET", "/me")).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(keys.consulted()).isEqualTo(2);
        assertThat(log.decisions().get(2)).containsEntry("Outcome", "unauthorized").containsEntry("Reason", "expired");
    }

    @Test
    void tampered_aPayloadEditedUnderTheCachedTokensSignatureIsRefused() {
        String token = token(userClaims(T0).scope("openid read:experiments"));
        assertThat(decide("Bearer " + token, "GET", "/experiments")).isInstanceOf(Decision.Allow.class);

        String[] parts = token.split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("read:experiments", "create:experiments");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertThat(decide("Bearer " + tampered, "POST", "/experiments")).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(keys.consulted()).isEqualTo(2);
    }

    @Test
    void tampered_aSignatureEditedInOneCharacterIsRefused() {
        String token = token(userClaims(T0));
        decide("Bearer " + token, "GET", "/me");

        // A character in the middle of the signature: the last one may carry padding bits only.
        int i = token.lastIndexOf('.') + 20;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        assertThat(decide("Bearer " + tampered, "GET", "/me")).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(decide("Bearer " + tampered, "GET", "/me")).as("and again: a refusal is not remembered")
                .isInstanceOf(Decision.Refuse.class);
        assertThat(keys.consulted()).isEqualTo(3);
    }

    @Test
    void otherAudience_theSameCallersTokenForAnotherApiIsRefusedWhileOneForThisApiIsCached() {
        decide("Bearer " + token(userClaims(T0)), "GET", "/me");

        Decision other = decide("Bearer " + token(userClaims(T0).audience(OTHER_API)), "GET", "/me");

        assertThat(other).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_AUDIENCE));
        assertThat(engine.verifiedTokenCache().orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void otherAudience_aTokenCachedByOneApisAuthorizerIsRefusedByAnotherApis() {
        String token = "Bearer " + token(userClaims(T0));
        AuthorizerEngine otherApi = engine(OTHER_API, AuthorizerSettings.defaults());
        assertThat(decide(token, "GET", "/me")).isInstanceOf(Decision.Allow.class);

        assertThat(otherApi.decide("token", token, "GET", "/me", null)).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_AUDIENCE));
    }

    @Test
    void refusals_noSchemeAndOutagesAreNotRemembered() {
        String token = token(userClaims(T0));
        decide(token, "GET", "/me"); // no scheme
        decide(token, "GET", "/me");
        keys.down(true);
        assertThat(decide("Bearer " + token, "GET", "/me")).isInstanceOfSatisfying(Decision.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE));
        assertThat(engine.verifiedTokenCache().orElseThrow().size()).isZero();

        keys.down(false);
        assertThat(decide("Bearer " + token, "GET", "/me")).isInstanceOf(Decision.Allow.class);
        assertThat(log.decisions()).extracting(d -> d.get("Reason"))
                .containsExactly("wrong_scheme", "wrong_scheme", "jwks_unavailable", "none");
    }

    @Test
    void logLines_aHitIsLoggedExactlyAsAVerificationIs_withTheHashOfTheWholeValue() throws Exception {
        String value = "Bearer " + token(userClaims(T0).scope("openid read:experiments"));
        DecisionLines uncachedLog = new DecisionLines();
        AuthorizerEngine uncached = AuthorizerEngine.of(
                new dev.labauth.authorizer.decision.Gatekeeper(verifier(API), AccessRulesFile.bundled()),
                new DecisionLog(uncachedLog, clock));

        decide(value, "GET", "/experiments");
        decide(value, "GET", "/experiments"); // the hit
        decide(value, "POST", "/experiments");
        uncached.decide("token", value, "GET", "/experiments", STAGE + "GET/experiments");
        uncached.decide("token", value, "POST", "/experiments", STAGE + "POST/experiments");

        List<String> lines = log.all();
        assertThat(lines.get(1)).isEqualTo(lines.get(0)).isEqualTo(uncachedLog.all().get(0));
        assertThat(lines.get(2)).isEqualTo(uncachedLog.all().get(1));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        assertThat(RuntimeJson.parse(lines.get(1)))
                .containsEntry("credentialSha256", HexFormat.of().formatHex(sha, 0, 8));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(value.substring(7, 40)));
    }

    @Test
    void off_aTtlOfZeroBuildsNoCache_andEveryTokenIsVerified() {
        AuthorizerSettings off = AuthorizerSettings.fromEnvironment(Map.of(AuthorizerSettings.TOKEN_CACHE_SECONDS, "0"));
        AuthorizerEngine uncached = engine(API, off);
        String token = "Bearer " + token(userClaims(T0));

        for (int i = 0; i < 3; i++) {
            assertThat(uncached.decide("token", token, "GET", "/me", null)).isInstanceOf(Decision.Allow.class);
        }

        assertThat(uncached.verifiedTokenCache()).isEmpty();
        assertThat(keys.consulted()).isEqualTo(3);
    }

    @Test
    void fromTheEnvironment_theCacheIsOnByDefault_sizedAsTold_andOffAtZero() {
        Map<String, String> base = Map.of(VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, API);

        AuthorizerEngine byDefault = AuthorizerEngine.fromEnvironment(base, line -> { });
        AuthorizerEngine sized = AuthorizerEngine.fromEnvironment(with(base,
                AuthorizerSettings.TOKEN_CACHE_SECONDS, "60", AuthorizerSettings.TOKEN_CACHE_ENTRIES, "7"), line -> { });
        AuthorizerEngine off = AuthorizerEngine.fromEnvironment(with(base, AuthorizerSettings.TOKEN_CACHE_SECONDS, "0"),
                line -> { });

        assertThat(byDefault.verifiedTokenCache()).hasValueSatisfying(c -> {
            assertThat(c.ttl()).isEqualTo(Duration.ofSeconds(300));
            assertThat(c.maxEntries()).isEqualTo(1000);
        });
        assertThat(sized.verifiedTokenCache()).hasValueSatisfying(c -> {
            assertThat(c.ttl()).isEqualTo(Duration.ofSeconds(60));
            assertThat(c.maxEntries()).isEqualTo(7);
        });
        assertThat(off.verifiedTokenCache()).isEmpty();
    }

    private Decision decide(String authorization, String method, String path) {
        return engine.decide("token", authorization, method, path, STAGE + method + path);
    }

    private AuthorizerEngine engine(String audience, AuthorizerSettings settings) {
        return AuthorizerEngine.of(AuthorizerEngine.gatekeeper(verifier(audience), AccessRulesFile.bundled(), settings, clock),
                new DecisionLog(log, clock));
    }

    private TokenVerifier verifier(String audience) {
        return new TokenVerifier(
                VerifierSettings.fromEnvironment(Map.of(VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, audience)),
                issuer -> keys, clock);
    }

    private static AccessTokenClaims userClaims(Instant issuedAt) {
        return AccessTokenClaims.forUser(ISSUER, "auth0|alice", "lab-spa", issuedAt)
                .audiences(List.of(API, ISSUER + "userinfo"))
                .scope("openid")
                .claim("jti", UUID.randomUUID().toString());
    }

    private static String token(AccessTokenClaims claims) {
        return TokenMinter.sign(KEY, claims.toMap());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
