package dev.labauth.core.keys;

import static dev.labauth.core.testing.Jwt.API;
import static dev.labauth.core.testing.Jwt.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.labauth.core.config.JwksSettings;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.KeySource.KeySnapshot;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.testing.JwksServer;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.MutableClock;
import dev.labauth.core.testing.TestKeys;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The JWKS key source against a real HTTP server on 127.0.0.1 that counts its requests. Time is a
 * clock moved by hand; the only real waiting is the slow endpoint's own delay (C-11).
 */
class RemoteKeySourceTest {
    static final RSAKey A = TestKeys.rsa("A");
    static final RSAKey B = TestKeys.rsa("B");
    static final RSAKey C = TestKeys.rsa("C");
    static final Duration TTL = JwksSettings.DEFAULT_CACHE_TTL;
    static final Duration REFETCH = JwksSettings.DEFAULT_REFETCH_INTERVAL;
    static final Duration OUTAGE = JwksSettings.DEFAULT_OUTAGE_TOLERANCE;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<JwksServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(JwksServer::close);
    }

    private JwksServer server() {
        return track(JwksServer.start());
    }

    private JwksServer track(JwksServer s) {
        servers.add(s);
        return s;
    }

    /** The production wiring (settings from the environment, one RemoteKeySource per issuer) on our clock. */
    private TokenVerifier verifier(String issuer, String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH0_ISSUER", issuer);
        env.put("AUTH0_AUDIENCE", API);
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        VerifierSettings settings = VerifierSettings.fromEnvironment(env);
        return new TokenVerifier(settings, i -> new RemoteKeySource(i.jwksUri(), settings.jwks()), clock);
    }

    private static String token(String issuer, RSAKey key, String kid) {
        return Jwt.auth0User(kid).claim("iss", issuer).claim("aud", API).signedRs256(key);
    }

    private static String token(String issuer, RSAKey key) {
        return token(issuer, key, key.getKeyID());
    }

    private static Principal verified(Verification v) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) v).principal();
    }

    private static Verification.Rejected rejected(Verification v, Reason reason) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason()).as(r.description()).isEqualTo(reason);
        return r;
    }

    @Test
    void jwksUrl_isDerivedFromTheLoopbackIssuer() {
        JwksServer s = server();
        TokenVerifier v = verifier(s.issuer());

        RemoteKeySource source = (RemoteKeySource) v.keySource(v.settings().issuers().get(0));

        assertThat(source.uri()).isEqualTo(s.jwksUri());
    }

    @Test
    void oneFetch_servesManyTokens() {
        JwksServer s = server().publish(A);
        TokenVerifier v = verifier(s.issuer());

        for (int i = 0; i < 25; i++) {
            verified(v.verify(token(s.issuer(), A)));
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(s.requests()).isEqualTo(1);
    }

    /** C-09: the cached set has A; the issuer now publishes A and B. */
    @Test
    void c09_rotation_newKeyAllowedAfterExactlyOneRefetch() {
        JwksServer s = server().publish(A);
        TokenVerifier v = verifier(s.issuer());
        verified(v.verify(token(s.issuer(), A)));
        assertThat(s.requests()).isEqualTo(1);

        s.publish(A, B);
        clock.advance(Duration.ofMinutes(2));
        verified(v.verify(token(s.issuer(), B)));
        assertThat(s.requests()).as("one refetch for the new kid").isEqualTo(2);

        for (int i = 0; i < 10; i++) {
            verified(v.verify(token(s.issuer(), B)));
            verified(v.verify(token(s.issuer(), A)));
        }
        assertThat(s.requests()).as("later B tokens cause no fetch").isEqualTo(2);

        // still within the refetch allowance: the unknown kid is looked up once more, and is still absent
        Verification.Rejected r = rejected(v.verify(token(s.issuer(), C)), Reason.UNKNOWN_KEY);
        assertThat(s.requests()).isEqualTo(3);
        assertThat(r.description()).contains("'C'");
        assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
    }

    /**
     * C-10: 50 tokens with random unknown kids, one a second. Nimbus's RateLimitedJWKSetSource opens a
     * window of one refetch interval (30 s) at the first fetch past the previous window and lets two
     * fetches through in it. The warm-up fetch at t0 opens window [t0, t0+30 s) and the first unknown
     * kid (t0+1 s) takes its second slot; kids at t0+2..29 s are refused without a fetch; t0+30 s opens
     * [t0+30, t0+60 s) and t0+30 s, t0+31 s take its two slots; t0+32..50 s are refused. So 4 fetches
     * for 51 s of traffic: the bound is 2 × the windows opened, whatever kids the attacker sends.
     */
    @Test
    void c10_kidFlood_fetchesBoundedByTheRateLimit_validTokenStillServedFromCache() {
        JwksServer s = server().publish(A);
        TokenVerifier v = verifier(s.issuer());
        verified(v.verify(token(s.issuer(), A)));
        Random random = new Random(10);

        for (int i = 1; i <= 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            String kid = Long.toHexString(random.nextLong());
            rejected(v.verify(token(s.issuer(), A, kid)), Reason.UNKNOWN_KEY);
        }

        long windows = Duration.ofSeconds(50).toMillis() / REFETCH.toMillis() + 1;
        assertThat(s.requests()).isEqualTo(4).isLessThanOrEqualTo((int) (2 * windows));

        verified(v.verify(token(s.issuer(), A)));
        assertThat(s.requests()).as("the valid token is served from cache").isEqualTo(4);
    }

    @Test
    void c10_kidFloodAtOneInstant_costsOneRefetch() {
        JwksServer s = server().publish(A);
        TokenVerifier v = verifier(s.issuer());
        verified(v.verify(token(s.issuer(), A)));

        for (int i = 0; i < 50; i++) {
            rejected(v.verify(token(s.issuer(), A, "flood-" + i)), Reason.UNKNOWN_KEY);
        }

        assertThat(s.requests()).isEqualTo(2);
        verified(v.verify(token(s.issuer(), A)));
        assertThat(s.requests()).isEqualTo(2);
    }

    @Test
    void cacheTtl_expiry_causesOneRefetch() {
        JwksServer s = server().publish(A);
        TokenVerifier v = verifier(s.issuer());
        verified(v.verify(token(s.issuer(), A)));

        clock.advance(TTL.minusSeconds(1));
        verified(v.verify(token(s.issuer(), A)));
        assertThat(s.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        verified(v.verify(token(s.issuer(), A)));
        verified(v.verify(token(s.issuer(), A)));
        assertThat(s.requests()).isEqualTo(2);
    }

    /** A key withdrawn by the issuer stops working once the cache is refreshed. */
    @Test
    void revokedKey_isUnknownAfterTheTtl() {
        JwksServer s = server().publish(A, B);
        TokenVerifier v = verifier(s.issuer());
        verified(v.verify(token(s.issuer(), A)));

        s.publish(B);
        clock.advance(TTL.plusSeconds(1));

        rejected(v.verify(token(s.issuer(), A)), Reason.UNKNOWN_KEY);
        verified(v.verify(token(s.issuer(), B)));
    }

    @Nested
    class C11SlowOrDeadEndpoint {
        /** C-11: nothing listens on the port: our failure (500), and "no keys" is not remembered. */
        @Test
        void c11_deadEndpoint_isJwksUnavailable_andNotCached() {
            int port = JwksServer.unusedPort();
            String issuer = JwksServer.issuerOn(port);
            TokenVerifier v = verifier(issuer);
            String token = token(issuer, A);

            Verification.Rejected r = rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
            assertThat(r.reason().kind()).isEqualTo(Reason.Kind.FAILURE);
            assertThat(r.reason().kind().httpStatus()).isEqualTo(500);
            assertThat(r.description()).contains(String.valueOf(port)).doesNotContain(token);

            JwksServer back = track(JwksServer.startOn(port)).publish(A);
            verified(v.verify(token));
            assertThat(back.requests()).isEqualTo(1);
        }

        /** C-11: the endpoint takes 800 ms (its own delay); the default 2 s timeout waits for it. */
        @Test
        void c11_slowEndpoint_withinTheTimeout_isAllowed() {
            JwksServer s = server().publish(A).delayAnswers(Duration.ofMillis(800));
            TokenVerifier v = verifier(s.issuer());
            assertThat(v.settings().jwks().timeout()).isEqualTo(Duration.ofSeconds(2));

            verified(v.verify(token(s.issuer(), A)));
            assertThat(s.requests()).isEqualTo(1);
        }

        /** The same endpoint with a 300 ms timeout: the setting is what decides. */
        @Test
        void slowEndpoint_beyondAShortTimeout_isJwksUnavailable() {
            JwksServer s = server().publish(A).delayAnswers(Duration.ofMillis(800));
            TokenVerifier v = verifier(s.issuer(), "AUTH0_JWKS_TIMEOUT_MS", "300");

            rejected(v.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
        }

        @Test
        void errorStatus_isJwksUnavailable() {
            JwksServer s = server().publish(A).answerStatus(503);
            TokenVerifier v = verifier(s.issuer());

            rejected(v.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"<html>maintenance</html>", "[[\"keys\",[]]]"})
        void notAKeySet_isJwksUnavailable(String document) {
            JwksServer s = server().publishRaw(document);
            TokenVerifier v = verifier(s.issuer());

            rejected(v.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
        }

        /**
         * A failing endpoint is asked at most twice per refetch interval (the rate limit holds for
         * failures too), so a recovered endpoint is seen at the latest one interval later.
         */
        @Test
        void failingEndpoint_isRetriedWithinTheRateLimit_andRecoveryIsSeen() {
            JwksServer s = server().publish(A).answerStatus(500);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);

            for (int i = 0; i < 5; i++) {
                rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
            }
            assertThat(s.requests()).isEqualTo(2);

            s.answerStatus(200);
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
            assertThat(s.requests()).isEqualTo(2);

            clock.advance(REFETCH);
            verified(v.verify(token));
            assertThat(s.requests()).isEqualTo(3);
        }

        /** Keys come from the URL we trust: a redirect is not followed. */
        @Test
        void redirect_isRefused() {
            JwksServer s = server().publish(A).redirectElsewhere();
            TokenVerifier v = verifier(s.issuer());

            Verification.Rejected r = rejected(v.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);

            assertThat(r.description()).contains("302");
            assertThat(s.requests()).isEqualTo(1);
            assertThat(s.redirectTargetRequests()).isZero();
        }

        @Test
        void keySetLargerThanTheLimit_isRefused() {
            JwksServer s = server().publish(A, B, C);
            String document = new JWKSet(List.of(A, B, C)).toPublicJWKSet().toString();
            assertThat(document.length()).isGreaterThan(1024);
            TokenVerifier limited = verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", "1024");
            // Nimbus's bounded stream fails on the read that would find the end of a document of exactly
            // the limit, so the largest document accepted is one byte under AUTH0_JWKS_MAX_BYTES.
            TokenVerifier roomy = verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", String.valueOf(document.length() + 1));

            rejected(limited.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
            verified(roomy.verify(token(s.issuer(), A)));
        }
    }

    @Nested
    class Outage {
        /** The last good key set keeps serving past its TTL while the endpoint is down, up to the tolerance. */
        @Test
        void endpointDownAfterWarmUp_keysServeUntilTtlPlusTolerance() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);
            verified(v.verify(token));
            s.close();

            clock.set(NOW.plus(TTL).plusSeconds(1));
            verified(v.verify(token));

            clock.set(NOW.plus(TTL).plus(OUTAGE).plusSeconds(1));
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
        }

        @Test
        void zeroTolerance_endpointDownPastTheTtl_isJwksUnavailable() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer(), "AUTH0_JWKS_OUTAGE_SECONDS", "0");
            String token = token(s.issuer(), A);
            verified(v.verify(token));
            s.close();

            clock.set(NOW.plus(TTL).minusSeconds(1));
            verified(v.verify(token));
            clock.set(NOW.plus(TTL).plusSeconds(1));
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
        }
    }

    /** The KeySource contract, without the verifier on top. */
    @Nested
    class Contract {
        private RemoteKeySource source(JwksServer s) {
            return new RemoteKeySource(s.jwksUri(), JwksSettings.defaults());
        }

        private JWKSet keys(KeySnapshot snapshot) {
            assertThat(snapshot).isInstanceOf(KeySnapshot.Available.class);
            return ((KeySnapshot.Available) snapshot).keys();
        }

        @Test
        void current_isCached() {
            JwksServer s = server().publish(A);
            RemoteKeySource source = source(s);

            JWKSet first = keys(source.current(NOW));
            JWKSet second = keys(source.current(NOW.plusSeconds(60)));

            assertThat(second).isSameAs(first);
            assertThat(first.getKeyByKeyId("A")).isNotNull();
            assertThat(first.getKeyByKeyId("A").isPrivate()).isFalse();
            assertThat(s.requests()).isEqualTo(1);
        }

        @Test
        void refreshedSince_fetchesANewerSet_thenIsThrottledToTheSetSeen() {
            JwksServer s = server().publish(A);
            RemoteKeySource source = source(s);
            JWKSet seen = keys(source.current(NOW));

            s.publish(A, B);
            JWKSet fresh = keys(source.refreshedSince(seen, NOW));
            assertThat(fresh.getKeyByKeyId("B")).isNotNull();
            assertThat(s.requests()).isEqualTo(2);

            JWKSet throttled = keys(source.refreshedSince(fresh, NOW));
            assertThat(throttled).isSameAs(fresh);
            assertThat(s.requests()).isEqualTo(2);
            assertThat(keys(source.current(NOW))).isSameAs(fresh);

            Instant later = NOW.plus(REFETCH);
            keys(source.refreshedSince(fresh, later));
            assertThat(s.requests()).isEqualTo(3);
        }

        @Test
        void coldAndThrottled_withNothingHeld_isUnavailable() {
            JwksServer s = server().answerStatus(500);
            RemoteKeySource source = source(s);

            assertThat(source.current(NOW)).isInstanceOf(KeySnapshot.Unavailable.class);
            assertThat(source.current(NOW)).isInstanceOf(KeySnapshot.Unavailable.class);
            KeySnapshot third = source.current(NOW);

            assertThat(third).isInstanceOf(KeySnapshot.Unavailable.class);
            assertThat(((KeySnapshot.Unavailable) third).detail()).contains("rate limit");
            assertThat(s.requests()).isEqualTo(2);
        }
    }
}
