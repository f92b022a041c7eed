package dev.labauth.core.keys;

import static dev.labauth.core.testing.Jwt.API;
import static dev.labauth.core.testing.Jwt.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.labauth.core.config.JwksSettings;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.testing.JwksServer;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.MutableClock;
import dev.labauth.core.testing.TestKeys;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #5 §5: the key set under stress, against a real HTTP server on 127.0.0.1 and a clock moved by
 * hand. {@link RemoteKeySourceTest} already covers rotation (C-09), kid floods (C-10), slow and dead
 * endpoints (C-11), a same-host redirect and the size limit; this adds hostile and broken answers
 * arriving after a good one (the previous keys must be kept), 10,000 keys, 10 MB, redirects to another
 * host, the exact byte limit, and an outage longer than the cache TTL with its exact bound.
 */
class KeySetUnderStressTest {
    static final RSAKey A = TestKeys.rsa("A");
    static final RSAKey B = TestKeys.rsa("B");
    static final RSAKey ATTACKER = TestKeys.rsa("attacker");
    static final Duration TTL = JwksSettings.DEFAULT_CACHE_TTL;
    static final Duration OUTAGE = JwksSettings.DEFAULT_OUTAGE_TOLERANCE;
    static final Duration REFETCH = JwksSettings.DEFAULT_REFETCH_INTERVAL;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<JwksServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(JwksServer::close);
    }

    private JwksServer server() {
        JwksServer s = JwksServer.start();
        servers.add(s);
        return s;
    }

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

    private static String token(String issuer, RSAKey key) {
        return Jwt.auth0User(key.getKeyID()).claim("iss", issuer).claim("aud", API)
                .expiresAt(NOW.plus(Duration.ofDays(30))).signedRs256(key);
    }

    private static void verified(Verification v) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Verified.class);
    }

    private static Verification.Rejected rejected(Verification v, Reason reason) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason()).as(r.description()).isEqualTo(reason);
        return r;
    }

    /** {@code n} distinct keys that all carry A's public material: cheap to make, honest to parse. */
    private static String keySetOf(int n) {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        String a = A.toPublicJWK().toJSONString();
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append(a.replace("\"kid\":\"A\"", "\"kid\":\"k" + i + "\""));
        }
        json.append("]}");
        return json.toString();
    }

    /** Broken or hostile documents an endpoint might answer with (outage pages, proxies, an attacker on the path). */
    static final String[] GARBAGE = {
        "<html><body>502 Bad Gateway</body></html>", "", "null", "[]", "{}", "{\"keys\":\"A\"}",
        "{\"keys\":[{\"kty\":\"RSA\"}]}", "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}",
        "{\"keys\":[", "{\"keys\":[] garbage", "{\"keys\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}",
        "\u0000\u0001\u0002\uFFFD", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"!!!\",\"e\":\"AQAB\",\"kid\":\"A\"}]}",
        "{\"keys\":[1,2,3]}", "{\"keys\":[]}",
        "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"A\"}]}"};

    @Nested
    class GarbageAfterAGoodSet {
        /** Each broken answer after the TTL is a failed fetch: the last good keys keep serving. */
        @Test
        void everyBrokenAnswer_keepsThePreviousKeys() {
            for (String garbage : GARBAGE) {
                clock.set(NOW);
                JwksServer s = server().publish(A);
                TokenVerifier v = verifier(s.issuer());
                String token = token(s.issuer(), A);
                verified(v.verify(token));

                s.publishRaw(garbage);
                clock.advance(TTL.plusSeconds(1));
                verified(v.verify(token));
                assertThat(s.requests()).as("the endpoint was asked again: %s", abbreviated(garbage)).isEqualTo(2);
            }
        }

        /** With nothing held, a broken answer is our failure (500), not the caller's, and is not remembered. */
        @Test
        void everyBrokenAnswer_whenCold_isJwksUnavailable() {
            for (String garbage : GARBAGE) {
                JwksServer s = server().publishRaw(garbage);
                TokenVerifier v = verifier(s.issuer());

                Verification.Rejected r = rejected(v.verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
                assertThat(r.reason().kind()).isEqualTo(Reason.Kind.FAILURE);
            }
        }

        /** An error status after a good set: the same. */
        @ParameterizedTest
        @ValueSource(ints = {404, 429, 500, 502, 503})
        void errorStatus_keepsThePreviousKeys(int status) {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);
            verified(v.verify(token));

            s.answerStatus(status);
            clock.advance(TTL.plusSeconds(1));
            verified(v.verify(token));
        }
    }

    @Nested
    class Bounded {
        /** 10,000 keys: refused on the key count (AUTH0_JWKS_MAX_KEYS, default 100) even when the size would pass. */
        @Test
        void tenThousandKeys_refused_previousKeysKept() {
            String huge = keySetOf(10_000);
            assertThat(huge.length()).isBetween(1_000_000, 10 * 1024 * 1024);
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", String.valueOf(10 * 1024 * 1024));
            String token = token(s.issuer(), A);
            verified(v.verify(token));

            s.publishRaw(huge);
            clock.advance(TTL.plusSeconds(1));
            verified(v.verify(token));
            assertThat(s.requests()).isEqualTo(2);

            // cold, the same document is no key set at all
            TokenVerifier cold = verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", String.valueOf(10 * 1024 * 1024));
            assertThat(rejected(cold.verify(token), Reason.JWKS_UNAVAILABLE).description()).contains("10000 keys");
        }

        /** The key count bound is exact: a set of exactly AUTH0_JWKS_MAX_KEYS keys is used, one more is not. */
        @Test
        void keyCountBound_isExact() {
            JwksServer s = server().publishRaw(keySetOf(3));
            String token = Jwt.auth0User("k2").claim("iss", s.issuer()).claim("aud", API).signedRs256(A);

            verified(verifier(s.issuer(), "AUTH0_JWKS_MAX_KEYS", "3").verify(token));
            rejected(verifier(s.issuer(), "AUTH0_JWKS_MAX_KEYS", "2").verify(token), Reason.JWKS_UNAVAILABLE);
        }

        /** 10 MB: refused on the size (AUTH0_JWKS_MAX_BYTES, default 64 KiB) after reading no more than that. */
        @Test
        void tenMegabytes_refused_previousKeysKept() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);
            verified(v.verify(token));

            String tenMb = "{\"keys\":[" + A.toPublicJWK().toJSONString() + "],\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
            s.publishRaw(tenMb);
            clock.advance(TTL.plusSeconds(1));
            verified(v.verify(token));

            rejected(verifier(s.issuer()).verify(token), Reason.JWKS_UNAVAILABLE);
        }

        /** AUTH0_JWKS_MAX_BYTES is the largest document accepted: exactly N bytes pass, N + 1 do not. */
        @Test
        void byteLimit_isExact() {
            String document = new JWKSet(List.<JWK>of(A, B, ATTACKER)).toPublicJWKSet().toString();
            JwksServer s = server().publishRaw(document);
            String token = token(s.issuer(), A);
            int n = document.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

            verified(verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", String.valueOf(n)).verify(token));
            rejected(verifier(s.issuer(), "AUTH0_JWKS_MAX_BYTES", String.valueOf(n - 1)).verify(token),
                    Reason.JWKS_UNAVAILABLE);
        }
    }

    @Nested
    class Redirects {
        /**
         * A redirect to another host (here {@code localhost} on another port, serving the attacker's key):
         * never followed, whatever the status; the other host is never asked.
         */
        @ParameterizedTest
        @ValueSource(ints = {301, 302, 303, 307, 308})
        void toAnotherHost_refused_coldAndWarm(int status) {
            JwksServer attackerHost = server().publish(ATTACKER);
            String elsewhere = "http://localhost:" + attackerHost.port() + JwksServer.JWKS_PATH;
            JwksServer s = server().redirectTo(elsewhere, status);
            TokenVerifier cold = verifier(s.issuer());

            Verification.Rejected r = rejected(cold.verify(token(s.issuer(), ATTACKER)), Reason.JWKS_UNAVAILABLE);
            assertThat(r.description()).contains(String.valueOf(status));

            JwksServer warmIssuer = server().publish(A);
            TokenVerifier warm = verifier(warmIssuer.issuer());
            verified(warm.verify(token(warmIssuer.issuer(), A)));
            warmIssuer.redirectTo(elsewhere, status);
            clock.advance(TTL.plusSeconds(1));
            verified(warm.verify(token(warmIssuer.issuer(), A)));
            rejected(warm.verify(token(warmIssuer.issuer(), ATTACKER)), Reason.UNKNOWN_KEY);

            assertThat(attackerHost.requests()).isZero();
        }

        @Test
        void toHttpsOrAnotherScheme_refused() {
            JwksServer s = server().redirectTo("https://attacker.example/jwks.json", 302);
            rejected(verifier(s.issuer()).verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
            s.redirectTo("file:///etc/passwd", 302);
            rejected(verifier(s.issuer()).verify(token(s.issuer(), A)), Reason.JWKS_UNAVAILABLE);
        }
    }

    /**
     * An outage longer than the cache TTL: the last good set serves until TTL + AUTH0_JWKS_OUTAGE_SECONDS
     * after the fetch that brought it, however many refreshes fail in between, and not one millisecond
     * longer; then {@code jwks_unavailable}; and a recovered endpoint is seen at the next allowed fetch.
     */
    @Nested
    class OutageLongerThanTheTtl {
        @Test
        void lastGoodSetServesUpToTheBound_thenJwksUnavailable_evenAfterFailedRefreshes() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);
            verified(v.verify(token));
            s.answerStatus(503);

            // A request every half TTL: each refresh fails and the stale set is handed out (and re-cached).
            Duration bound = TTL.plus(OUTAGE);
            for (Duration t = TTL.dividedBy(2); t.compareTo(bound) < 0; t = t.plus(TTL.dividedBy(2))) {
                clock.set(NOW.plus(t));
                verified(v.verify(token));
            }
            clock.set(NOW.plus(bound).minusMillis(1));
            verified(v.verify(token));
            int asked = s.requests();

            clock.set(NOW.plus(bound));
            Verification.Rejected r = rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
            assertThat(r.reason().kind().httpStatus()).isEqualTo(500);
            assertThat(s.requests()).as("past the bound, the endpoint is asked once more").isEqualTo(asked + 1);

            clock.advance(TTL);
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);

            s.answerStatus(200);
            clock.advance(REFETCH);
            verified(v.verify(token));
        }

        /** The case the caching layer got wrong: one refresh just inside the bound re-cached the stale set for a TTL. */
        @Test
        void refreshJustInsideTheBound_doesNotExtendIt() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            String token = token(s.issuer(), A);
            verified(v.verify(token));
            s.close();

            clock.set(NOW.plus(TTL).plus(OUTAGE).minusSeconds(1));
            verified(v.verify(token));
            clock.set(NOW.plus(TTL).plus(OUTAGE).plusSeconds(1));
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
            clock.set(NOW.plus(TTL).plus(OUTAGE).plus(TTL).minusSeconds(2));
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
        }

        /** A tolerance shorter than the TTL is honoured too: stale keys serve exactly TTL + tolerance. */
        @Test
        void toleranceShorterThanTheTtl() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer(), "AUTH0_JWKS_OUTAGE_SECONDS", "120");
            String token = token(s.issuer(), A);
            verified(v.verify(token));
            s.close();

            clock.set(NOW.plus(TTL).plusSeconds(119));
            verified(v.verify(token));
            clock.set(NOW.plus(TTL).plusSeconds(120));
            rejected(v.verify(token), Reason.JWKS_UNAVAILABLE);
        }

        /** Rotation after a recovery: the new key is found once the endpoint is back, stale keys no longer needed. */
        @Test
        void recoveryWithRotatedKeys() {
            JwksServer s = server().publish(A);
            TokenVerifier v = verifier(s.issuer());
            verified(v.verify(token(s.issuer(), A)));
            s.answerStatus(503);
            clock.set(NOW.plus(TTL).plusSeconds(5));
            verified(v.verify(token(s.issuer(), A)));

            s.publish(B).answerStatus(200);
            clock.advance(REFETCH);
            verified(v.verify(token(s.issuer(), B)));
            clock.advance(TTL.plusSeconds(1));
            rejected(v.verify(token(s.issuer(), A)), Reason.UNKNOWN_KEY);
        }
    }

    private static String abbreviated(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
