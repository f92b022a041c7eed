package dev.labauth.core.verify;

import static dev.labauth.core.testing.Jwt.API;
import static dev.labauth.core.testing.Jwt.API_STAGING;
import static dev.labauth.core.testing.Jwt.ISSUER;
import static dev.labauth.core.testing.Jwt.NOW;
import static dev.labauth.core.testing.Jwt.ROLES_CLAIM;
import static dev.labauth.core.testing.Jwt.USERINFO;
import static dev.labauth.core.verify.Outcomes.assertRejected;
import static dev.labauth.core.verify.Outcomes.assertVerified;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier, one row of the outcome table per test, with real signed tokens: an RSA key {@code k1}
 * and an EC key {@code ec1} are published, {@code OTHER} never is; "now" is fixed.
 */
class TokenVerifierTest {
    static final RSAKey K1 = TestKeys.rsa("k1");
    static final RSAKey OTHER = TestKeys.rsa("other");
    static final ECKey EC1 = TestKeys.ec("ec1");
    static final JWKSet PUBLISHED = new JWKSet(List.of(K1, EC1));

    private final CountingKeySource keys = new CountingKeySource(new FixedKeySource(PUBLISHED));
    private final TokenVerifier verifier = verifier();

    /** C-04 audiences on the C-03 tenant, plus any further settings. */
    private TokenVerifier verifier(String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH0_DOMAIN", "tenant.eu.auth0.com");
        env.put("AUTH0_AUDIENCE", API + "," + API_STAGING);
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return new TokenVerifier(VerifierSettings.fromEnvironment(env), issuer -> keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String valid() {
        return Jwt.auth0User("k1").signedRs256(K1);
    }

    @Nested
    class Verified {
        @Test
        void auth0UserToken_givesTheFullPrincipal() {
            Principal p = assertVerified(verifier.verify(valid()));

            assertThat(p.subject()).isEqualTo("auth0|65f1c0ffee");
            assertThat(p.scopes()).containsExactlyInAnyOrder("openid", "profile", "email", "read:experiments");
            assertThat(p.permissions()).containsExactlyInAnyOrder("read:experiments", "create:experiments");
            assertThat(p.roles()).containsExactlyInAnyOrder("scientist", "reviewer");
            assertThat(p.clientId()).contains("spaClient123");
            assertThat(p.grantType()).isEmpty();
            assertThat(p.isMachine()).isFalse();
            assertThat(p.orgId()).contains("org_lab42");
            assertThat(p.email()).contains("ada@example.com");
            assertThat(p.tokenId()).contains("jti-7f3a");
            assertThat(p.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
            assertThat(p.claims())
                    .containsEntry("iss", ISSUER)
                    .containsEntry("sub", "auth0|65f1c0ffee")
                    .containsEntry("aud", List.of(API, USERINFO))
                    .containsEntry("permissions", List.of("read:experiments", "create:experiments"))
                    .containsEntry(ROLES_CLAIM, List.of("scientist", "reviewer"))
                    .containsEntry("exp", Date.from(NOW.plusSeconds(3600)))
                    .containsKeys("iat", "scope", "azp", "org_id", "email", "jti")
                    .hasSize(12);
            assertThat(keys.current).hasValue(1);
            assertThat(keys.refreshed).hasValue(0);
        }

        @Test
        void machineToken_isAMachine_withClientIdFromAzp() {
            Principal p = assertVerified(verifier.verify(Jwt.auth0Machine("k1").signedRs256(K1)));

            assertThat(p.subject()).isEqualTo("m2mClient456@clients");
            assertThat(p.grantType()).contains("client-credentials");
            assertThat(p.isMachine()).isTrue();
            assertThat(p.clientId()).contains("m2mClient456");
            assertThat(p.roles()).isEmpty();
            assertThat(p.orgId()).isEmpty();
            assertThat(p.email()).isEmpty();
            assertThat(p.tokenId()).isEmpty();
        }

        @Test
        void clientId_fallsBackToClientIdClaim_whenNoAzp() {
            String token = Jwt.auth0Machine("k1").claim("azp", null).claim("client_id", "legacyClient").signedRs256(K1);

            assertThat(assertVerified(verifier.verify(token)).clientId()).contains("legacyClient");
        }

        @Test
        void azp_winsOverClientId() {
            String token = Jwt.auth0Machine("k1").claim("client_id", "legacyClient").signedRs256(K1);

            assertThat(assertVerified(verifier.verify(token)).clientId()).contains("m2mClient456");
        }

        @Test
        void roles_comeFromTheConfiguredClaimOnly() {
            String token = Jwt.auth0User("k1").claim("https://lab.example/roles", List.of("admin")).signedRs256(K1);

            Principal p = assertVerified(verifier("AUTH0_ROLES_CLAIM", "https://lab.example/roles").verify(token));

            assertThat(p.roles()).containsExactly("admin");
        }

        @Test
        void minimalToken_withOnlyRequiredClaims() {
            String token = Jwt.blank().header("alg", "RS256").header("kid", "k1")
                    .claim("iss", ISSUER).claim("sub", "auth0|min").claim("aud", API)
                    .claim("exp", NOW.getEpochSecond() + 60).signedRs256(K1);

            Principal p = assertVerified(verifier.verify(token));

            assertThat(p.scopes()).isEmpty();
            assertThat(p.permissions()).isEmpty();
            assertThat(p.clientId()).isEmpty();
        }

        /** C-03: an issuer configured as a bare origin also names the form without the slash. */
        @Test
        void c03_issWithoutTrailingSlash_isTheSameTenant() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("iss", "https://tenant.eu.auth0.com").signedRs256(K1)));
        }

        @Test
        void sameIssuerConfiguredTwice_stillBuildsAVerifier() {
            Map<String, String> env = Map.of("AUTH0_ISSUER", "https://tenant.eu.auth0.com,https://tenant.eu.auth0.com/",
                    "AUTH0_AUDIENCE", API);
            TokenVerifier v = new TokenVerifier(VerifierSettings.fromEnvironment(env), issuer -> keys,
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertVerified(v.verify(valid()));
        }
    }

    @Nested
    class MissingToken {
        @Test
        void nullOrEmpty() {
            assertRejected(verifier.verify(null), Reason.MISSING_TOKEN, null);
            assertRejected(verifier.verify(""), Reason.MISSING_TOKEN, null);
        }
    }

    @Nested
    class Malformed {
        /** C-06: junk after "Bearer ". */
        @ParameterizedTest
        @ValueSource(strings = {"not-a-jwt", "a.b", "a.b.c.d", "..", "a..b", " ", "fifteen-chars-x"})
        void c06_notThreeSegments_orTooShortForAnOpaqueToken(String token) {
            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        @Test
        void c06_twoSegments_ofARealToken() {
            String[] s = Jwt.segments(valid());
            String token = s[0] + "." + s[1];

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"!!!.@@@.###", "%%%%.%%%%.%%%%", "eyJ.eyJ.eyJ"})
        void garbageBase64(String token) {
            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        @Test
        void tamperedHeaderJson() {
            String[] s = Jwt.segments(valid());
            String token = Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"") + "." + s[1] + "." + s[2];

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MALFORMED, token);
            assertThat(keys.current).hasValue(0);
            assertThat(r.description()).contains("cannot parse");
        }

        @Test
        void headerWithoutAlg() {
            String token = Jwt.auth0User("k1").header("alg", null).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        /** RFC 8725 §3.12 / RFC 7515 §4.1.11: a crit name we do not understand rejects the token. */
        @Test
        void critWithUnknownName() {
            String token = Jwt.auth0User("k1").header("crit", List.of("https://lab.example/hop"))
                    .header("https://lab.example/hop", 1).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MALFORMED, token);
            assertThat(r.description()).contains("crit");
            assertThat(keys.current).hasValue(0);
        }

        @Test
        void critB64False_isRejected() {
            String token = Jwt.auth0User("k1").header("crit", List.of("b64")).header("b64", false).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        /** Found by a newcomer: Nimbus (through Gson) reads [name, value] pairs as an object; RFC 7515/7519 want objects. */
        @Test
        void aHeaderOrPayloadWrittenAsPairs_isMalformed_evenWhenCorrectlySigned() {
            String pairsHeader = Jwt.b64("[[\"alg\",\"RS256\"],[\"kid\",\"k1\"]]");
            String pairsPayload = Jwt.b64("[[\"iss\",\"" + ISSUER + "\"],[\"sub\",\"auth0|x\"],[\"aud\",\"" + API
                    + "\"],[\"exp\"," + NOW.plusSeconds(600).getEpochSecond() + "]]");
            Jwt genuine = Jwt.auth0User("k1");
            String objectHeader = Jwt.b64(genuine.headerJson());
            String objectPayload = Jwt.b64(genuine.claimsJson());

            for (String token : List.of(Jwt.rawRs256(pairsHeader, objectPayload, K1), Jwt.rawRs256(objectHeader, pairsPayload, K1),
                    Jwt.rawRs256(pairsHeader, pairsPayload, K1))) {
                assertRejected(verifier.verify(token), Reason.MALFORMED, token);
            }
            assertVerified(verifier.verify(Jwt.rawRs256(objectHeader, objectPayload, K1)));
        }

        /** RFC 7797 without its crit: the signing input would no longer be what was sent, so no JWT at all. */
        @Test
        void b64FalseWithoutCrit_isMalformed_beforeAnyKeyIsFetched() {
            String token = Jwt.auth0User("k1").header("b64", false).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MALFORMED, token);
            assertThat(r.description()).contains("b64");
            assertThat(keys.current).hasValue(0);
        }

        /** Parsed headers are reused per verifier: a looser verifier's parse never lets a header past a stricter bound. */
        @Test
        void aHeaderAnotherVerifierAccepted_isStillHeldToThisVerifiersDepthBound() {
            Map<String, Object> nested = Map.of("a", Map.of("b", Map.of("c", List.of(1))));
            String token = Jwt.auth0User("k1").header("x-nest", nested).signedRs256(K1);
            TokenVerifier loose = verifier("AUTH0_MAX_JSON_DEPTH", "16");
            TokenVerifier strict = verifier("AUTH0_MAX_JSON_DEPTH", "3");

            assertVerified(loose.verify(token));
            Verification.Rejected r = assertRejected(strict.verify(token), Reason.MALFORMED, token);
            assertThat(r.description()).contains("header");
            assertVerified(loose.verify(token));
        }

        /** A correctly signed token whose claims have the wrong JSON type is refused, not half-read. */
        @ParameterizedTest
        @ValueSource(strings = {"permissions", "roles", "scope", "exp", "aud", "iss", "sub", "jti", "azp", "gty",
                "email", "org_id"})
        void claimOfTheWrongJsonType(String claim) {
            Jwt jwt = Jwt.auth0User("k1");
            switch (claim) {
                case "permissions" -> jwt.claim("permissions", "read:experiments");
                case "roles" -> jwt.claim(ROLES_CLAIM, "scientist");
                case "scope" -> jwt.claim("scope", 42);
                case "exp" -> jwt.claim("exp", "tomorrow");
                case "aud" -> jwt.claim("aud", 42);
                case "iss" -> jwt.claim("iss", List.of(ISSUER));
                default -> jwt.claim(claim, Map.of("nested", true));
            }
            String token = jwt.signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        @Test
        void permissionsArrayWithANonString() {
            String token = Jwt.auth0User("k1").claim("permissions", List.of("read:experiments", 7)).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        /** RFC 8725: JSON nesting is bounded; a deeply nested claim is refused, not a stack overflow. */
        @Test
        void deeplyNestedClaim() {
            String payload = "{\"iss\":\"" + ISSUER + "\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
            String token = Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + Jwt.b64(payload) + ".c2ln";

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        /** Five segments whose header is no JWE header: not a token we can name. */
        @Test
        void fiveSegmentsWithoutEnc() {
            String token = Jwt.b64("{\"alg\":\"RS256\"}") + ".a.b.c.d";

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }
    }

    @Nested
    class TokenTooLarge {
        @Test
        void overTheLimit_isRefusedBeforeParsing_andTheLimitIsTheOnlyCause() {
            String token = Jwt.auth0User("k1").claim("padding", "x".repeat(9_000)).signedRs256(K1);
            assertThat(token.length()).isGreaterThan(8 * 1024);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.TOKEN_TOO_LARGE, token);
            assertThat(r.description()).contains("8192");
            assertThat(keys.current).hasValue(0);

            assertVerified(verifier("AUTH0_MAX_TOKEN_BYTES", "65536").verify(token));
        }

        /** The largest token within the limit passes; the next larger one is refused. */
        @Test
        void boundary_largestTokenWithinTheLimitPasses() {
            int limit = 8 * 1024;
            int k = (limit - Jwt.auth0User("k1").claim("padding", "").signedRs256(K1).length()) * 3 / 4 - 8;
            String within = null;
            String beyond = null;
            while (beyond == null) {
                String t = Jwt.auth0User("k1").claim("padding", "x".repeat(k++)).signedRs256(K1);
                if (t.length() <= limit) {
                    within = t;
                } else {
                    beyond = t;
                }
            }
            assertThat(within).isNotNull();
            assertThat(within.length()).isGreaterThan(limit - 4);

            assertVerified(verifier.verify(within));
            assertRejected(verifier.verify(beyond), Reason.TOKEN_TOO_LARGE, beyond);
        }
    }

    @Nested
    class OpaqueToken {
        /** C-13: what Auth0 returns when the token request names no audience (a JWE with alg dir). */
        @Test
        void c13_fiveSegmentJwe_withAlgDir() {
            String header = Jwt.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"iss\":\"https://tenant.eu.auth0.com/\"}");
            String token = header + "..bWlzc2luZy1pdg.ZW5jcnlwdGVkLXBheWxvYWQtYnl0ZXM.YXV0aC10YWctMTY";

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.OPAQUE_TOKEN, token);
            assertThat(r.description()).contains("audience");
            assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
        }

        /** C-13: Auth0's opaque access token (32 characters). */
        @Test
        void c13_32CharacterOpaqueString() {
            String token = "kX2vQ9tLr7NcWz4bYh1PeS8uDj3mFa6G";
            assertThat(token).hasSize(32);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.OPAQUE_TOKEN, token);
            assertThat(r.description()).contains("request the token with your API's audience");
        }
    }

    @Nested
    class AlgNotAllowed {
        /** C-07: unsigned tokens, in the casings seen in the wild, with and without a signature segment. */
        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void c07_algNone_inAnyCasing(String alg) {
            Jwt jwt = Jwt.auth0User("k1").header("alg", alg);
            String unsigned = jwt.withSignatureSegment("");
            String withSignature = jwt.signedRs256(K1);

            assertThat(assertRejected(verifier.verify(unsigned), Reason.ALG_NOT_ALLOWED, unsigned).description())
                    .contains("'" + alg + "'");
            assertThat(assertRejected(verifier.verify(withSignature), Reason.ALG_NOT_ALLOWED, withSignature).description())
                    .contains("'" + alg + "'");
            assertThat(keys.current).hasValue(0);
        }

        /**
         * C-07: HS256 "signed" with the issuer's RSA public key, as PEM text, for the HMAC secret — the
         * classic key-confusion forgery. Refused on the algorithm, before any key is looked at.
         */
        @Test
        void c07_hs256KeyedWithTheRsaPublicKeyPem() {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(publicKeyDer(K1))
                    + "\n-----END PUBLIC KEY-----\n";
            String token = Jwt.auth0User("k1").header("alg", "HS256").signedHs256(pem.getBytes(StandardCharsets.US_ASCII));

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
            assertThat(r.description()).contains("'HS256'").contains("[RS256]");
            assertThat(keys.current).hasValue(0);
            assertRejected(verifier("AUTH0_ALGORITHMS", "RS256,ES256,PS256").verify(token), Reason.ALG_NOT_ALLOWED, token);
        }

        @Test
        void es256_whenOnlyRs256IsConfigured() {
            String token = Jwt.auth0User("ec1").header("alg", "ES256").signedEs256(EC1);

            assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
            assertVerified(verifier("AUTH0_ALGORITHMS", "RS256,ES256").verify(token));
        }

        @Test
        void rs512_whenOnlyRs256IsConfigured() {
            String token = Jwt.auth0User("k1").header("alg", "RS512").signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
        }

        /** A JWE algorithm on a three-segment token is no signature algorithm. */
        @Test
        void jweAlgorithmOnAJws() {
            String token = Jwt.auth0User("k1").header("alg", "dir").signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
        }

        /** The algorithm is checked before the payload is read: a forged HS256 token is named as such. */
        @Test
        void hs256WithAPayloadThatIsNoJson() {
            String token = Jwt.b64("{\"alg\":\"HS256\"}") + "." + Jwt.b64("hello") + ".c2lnbmF0dXJl";

            assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
        }
    }

    @Nested
    class WrongType {
        @ParameterizedTest
        @ValueSource(strings = {"JOSE+JSON", "JOSE", "dpop+jwt", "application/jwt+xml", "id_token+jwt", "secevent+jwt"})
        void otherTyp_isRefused(String typ) {
            String token = Jwt.auth0User("k1").header("typ", typ).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.WRONG_TYPE, token);
            assertThat(r.description()).contains("'" + typ + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt"})
        void jwtOrAccessTokenProfile_isAccepted(String typ) {
            assertVerified(verifier.verify(Jwt.auth0User("k1").header("typ", typ).signedRs256(K1)));
        }

        @Test
        void absentTyp_isAccepted() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").header("typ", null).signedRs256(K1)));
        }
    }

    @Nested
    class WrongIssuer {
        /** C-03: scheme, look-alike host, an unconfigured custom domain, a path. */
        @ParameterizedTest
        @ValueSource(strings = {"http://tenant.eu.auth0.com/", "https://tenant.eu.auth0.com.evil.example/",
                "https://login.lab.example/", "https://other.eu.auth0.com/", "https://tenant.eu.auth0.com/x/",
                "https://TENANT.eu.auth0.com/", ""})
        void c03_issNotConfigured(String iss) {
            String token = Jwt.auth0User("k1").claim("iss", iss).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.WRONG_ISSUER, token);
            assertThat(keys.current).as("no key set is consulted for an unknown issuer").hasValue(0);
        }

        @Test
        void missingIss() {
            String token = Jwt.auth0User("k1").claim("iss", null).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.WRONG_ISSUER, token);
            assertThat(r.description()).contains("no iss");
        }

        @Test
        void longIss_isCutShortInTheDescription() {
            String iss = "https://" + "a".repeat(500) + ".example/";
            String token = Jwt.auth0User("k1").claim("iss", iss).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.WRONG_ISSUER, token);
            assertThat(r.description()).doesNotContain(iss).hasSizeLessThan(200);
        }
    }

    @Nested
    class UnknownKey {
        @Test
        void kidNotInTheSet_refetchesOnce() {
            String token = Jwt.auth0User("k-unknown").signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.UNKNOWN_KEY, token);
            assertThat(r.description()).contains("'k-unknown'").contains("not in the issuer's key set");
            assertThat(keys.refreshed).hasValue(1);
        }

        /** C-07: an RSA token naming the EC key: the kid exists, so no refetch, and it cannot verify RS256. */
        @Test
        void c07_rsaTokenWithAnEcKeysKid() {
            String token = Jwt.auth0User("ec1").signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.UNKNOWN_KEY, token);
            assertThat(r.description()).contains("'ec1'").contains("cannot verify");
            assertThat(keys.refreshed).hasValue(0);
        }

        @Test
        void noKid_andNoKeyOfTheRightType() {
            CountingKeySource ecOnly = new CountingKeySource(new FixedKeySource(new JWKSet(EC1)));
            TokenVerifier v = new TokenVerifier(verifier.settings(), issuer -> ecOnly, Clock.fixed(NOW, ZoneOffset.UTC));
            String token = Jwt.auth0User("k1").header("kid", null).signedRs256(K1);

            Verification.Rejected r = assertRejected(v.verify(token), Reason.UNKNOWN_KEY, token);
            assertThat(r.description()).contains("no key");
            assertThat(ecOnly.refreshed).hasValue(0);
        }

        /** Keys under 2048 bits are not used, even when the kid matches and the signature is right. */
        @Test
        void rsaKeyUnder2048Bits() {
            RSAKey weak = TestKeys.rsaOfSize("weak", 1024);
            TokenVerifier v = new TokenVerifier(verifier.settings(),
                    issuer -> new FixedKeySource(new JWKSet(List.of(K1, weak))), Clock.fixed(NOW, ZoneOffset.UTC));
            String token = Jwt.auth0User("weak").signedRs256(weak);

            assertRejected(v.verify(token), Reason.UNKNOWN_KEY, token);
        }

        /** RFC 8725: an embedded jwk (or jku, x5u) is not a key source. */
        @Test
        void embeddedJwkAndJku_areIgnored() {
            RSAKey attacker = TestKeys.rsa("attacker");
            String token = Jwt.auth0User("attacker")
                    .header("jwk", attacker.toPublicJWK().toJSONObject())
                    .header("jku", "https://evil.example/jwks.json")
                    .header("x5u", "https://evil.example/cert.pem")
                    .signedRs256(attacker);

            assertRejected(verifier.verify(token), Reason.UNKNOWN_KEY, token);
        }
    }

    @Nested
    class BadSignature {
        /** C-06: the payload changed after signing, the original signature kept. */
        @Test
        void c06_tamperedPayloadWithTheOriginalSignature() {
            String[] s = Jwt.segments(valid());
            String forgedPayload = Jwt.auth0User("k1").claim("permissions", List.of("admin:everything")).claimsJson();
            String token = s[0] + "." + Jwt.b64(forgedPayload) + "." + s[2];

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.BAD_SIGNATURE, token);
            assertThat(r.description()).contains("'k1'");
        }

        @Test
        void signedByAnotherKey_underThePublishedKid() {
            String token = Jwt.auth0User("k1").signedRs256(OTHER);

            assertRejected(verifier.verify(token), Reason.BAD_SIGNATURE, token);
            assertThat(keys.refreshed).hasValue(0);
        }

        /** The same, with the attacker's public key embedded: it must not be used. */
        @Test
        void signedByAnotherKey_withThatKeyEmbedded() {
            String token = Jwt.auth0User("k1").header("jwk", OTHER.toPublicJWK().toJSONObject()).signedRs256(OTHER);

            assertRejected(verifier.verify(token), Reason.BAD_SIGNATURE, token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "AA", "c2lnbmF0dXJl"})
        void truncatedOrEmptySignature(String signature) {
            String token = Jwt.segments(valid())[0] + "." + Jwt.segments(valid())[1] + "." + signature;

            Verification.Rejected r = assertRejected(verifier.verify(token),
                    signature.isEmpty() ? Reason.MALFORMED : Reason.BAD_SIGNATURE, token);
            assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
        }

        /**
         * C-07: the "psychic signature" (CVE-2022-21449): ECDSA with r = s = 0, as 64 zero bytes (the JWS
         * form) and as the DER form {@code MAYCAQACAQA}. ES256 must be enabled for the check to be reached.
         */
        @ParameterizedTest
        @ValueSource(strings = {"zeros-p1363", "MAYCAQACAQA", "order-p1363"})
        void c07_psychicEs256Signature(String form) {
            TokenVerifier es = verifier("AUTH0_ALGORITHMS", "RS256,ES256");
            Jwt jwt = Jwt.auth0User("ec1").header("alg", "ES256");
            String signature = switch (form) {
                case "zeros-p1363" -> Base64URL.encode(new byte[64]).toString();
                // r = s = n, the order of P-256, which is 0 modulo n
                case "order-p1363" -> Base64URL.encode(concat(P256_ORDER, P256_ORDER)).toString();
                default -> form;
            };
            String token = jwt.withSignatureSegment(signature);

            assertRejected(es.verify(token), Reason.BAD_SIGNATURE, token);
            assertVerified(es.verify(jwt.signedEs256(EC1)));
        }
    }

    @Nested
    class MissingClaim {
        @Test
        void noExp() {
            String token = Jwt.auth0User("k1").claim("exp", null).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MISSING_CLAIM, token);
            assertThat(r.description()).contains("exp");
        }

        @ParameterizedTest
        @ValueSource(strings = {"absent", "", "  "})
        void noSub(String sub) {
            String token = Jwt.auth0User("k1").claim("sub", sub.equals("absent") ? null : sub).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MISSING_CLAIM, token);
            assertThat(r.description()).contains("sub");
        }
    }

    @Nested
    class Expired {
        @Test
        void expiredAnHourAgo() {
            String token = Jwt.auth0User("k1").expiresAt(NOW.minusSeconds(3600)).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.EXPIRED, token);
            assertThat(r.description()).contains("expired at " + NOW.minusSeconds(3600));
        }

        /** Skew 60 s: exp + 60 s must be after now. At exactly exp + skew the token is expired. */
        @Test
        void skewBoundary() {
            String atBoundary = Jwt.auth0User("k1").expiresAt(NOW.minusSeconds(60)).signedRs256(K1);
            String oneSecondInside = Jwt.auth0User("k1").expiresAt(NOW.minusSeconds(59)).signedRs256(K1);

            assertRejected(verifier.verify(atBoundary), Reason.EXPIRED, atBoundary);
            assertVerified(verifier.verify(oneSecondInside));
        }

        @Test
        void zeroSkew_expiresAtExp() {
            TokenVerifier strict = verifier("AUTH0_CLOCK_SKEW_SECONDS", "0");
            String atExp = Jwt.auth0User("k1").expiresAt(NOW).signedRs256(K1);
            String oneSecondLeft = Jwt.auth0User("k1").expiresAt(NOW.plusSeconds(1)).signedRs256(K1);

            assertRejected(strict.verify(atExp), Reason.EXPIRED, atExp);
            assertVerified(strict.verify(oneSecondLeft));
        }

        /** The time checks come after the signature: a forged expired token is a bad signature. */
        @Test
        void expiredAndForged_isBadSignature() {
            String token = Jwt.auth0User("k1").expiresAt(NOW.minusSeconds(3600)).signedRs256(OTHER);

            assertRejected(verifier.verify(token), Reason.BAD_SIGNATURE, token);
        }
    }

    @Nested
    class NotYetValid {
        @Test
        void nbfBeyondSkew() {
            String token = Jwt.auth0User("k1").claim("nbf", NOW.getEpochSecond() + 61).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.NOT_YET_VALID, token);
            assertThat(r.description()).contains(Instant.ofEpochSecond(NOW.getEpochSecond() + 61).toString());
        }

        @Test
        void nbfWithinSkew_isAccepted() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("nbf", NOW.getEpochSecond() + 60).signedRs256(K1)));
        }

        @Test
        void iatBeyondSkew() {
            String token = Jwt.auth0User("k1").claim("iat", NOW.getEpochSecond() + 61).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.NOT_YET_VALID, token);
            assertThat(r.description()).contains("issued in the future");
        }

        @Test
        void iatWithinSkew_isAccepted() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("iat", NOW.getEpochSecond() + 60).signedRs256(K1)));
        }
    }

    /**
     * Time claims too large to be dates: Nimbus multiplies seconds by 1000 unbounded, so without a
     * bound they wrap round into the past and a far-future nbf or iat would pass (found by a newcomer).
     */
    @Nested
    class TimeClaimsOutOfRange {
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"nbf", "iat", "exp"})
        void aValueBeyondYear9999IsMalformed(String claim) {
            for (Object huge : new Object[] {Long.MAX_VALUE, 4611686018427387904L, 1e20, 1e30, 253402300800L}) {
                String token = Jwt.auth0User("k1").claim(claim, huge).signedRs256(K1);

                Verification.Rejected r = assertRejected(verifier.verify(token), Reason.MALFORMED, token);
                assertThat(r.description()).contains(claim).contains("out of range");
            }
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"nbf", "iat", "exp"})
        void aNegativeValueIsMalformed(String claim) {
            String token = Jwt.auth0User("k1").claim(claim, -1L).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.MALFORMED, token);
        }

        @Test
        void aFractionalNumericDateIsAccepted() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("nbf", NOW.getEpochSecond() - 0.5).signedRs256(K1)));
        }
    }

    @Nested
    class WrongAudience {
        /** C-04: the API plus Auth0's userinfo audience. */
        @Test
        void c04_arrayWithUserinfo_isAccepted() {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("aud", List.of(API, USERINFO)).signedRs256(K1)));
        }

        @ParameterizedTest
        @ValueSource(strings = {API, API_STAGING})
        void c04_plainStringOfAConfiguredAudience_isAccepted(String aud) {
            assertVerified(verifier.verify(Jwt.auth0User("k1").claim("aud", aud).signedRs256(K1)));
        }

        @Test
        void c04_secondConfiguredAudienceInAnArray_isAccepted() {
            assertVerified(verifier.verify(
                    Jwt.auth0User("k1").claim("aud", List.of(USERINFO, API_STAGING)).signedRs256(K1)));
        }

        @Test
        void c04_onlyUserinfo() {
            String token = Jwt.auth0User("k1").claim("aud", List.of(USERINFO)).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.WRONG_AUDIENCE, token);
            assertThat(r.description()).contains(USERINFO).contains("none of the configured audiences");
        }

        @Test
        void c04_emptyArray() {
            String token = Jwt.auth0User("k1").claim("aud", List.of()).signedRs256(K1);

            Verification.Rejected r = assertRejected(verifier.verify(token), Reason.WRONG_AUDIENCE, token);
            assertThat(r.description()).contains("request the token with your API's audience");
        }

        @Test
        void c04_missing() {
            String token = Jwt.auth0User("k1").claim("aud", null).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.WRONG_AUDIENCE, token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://api.example.com/", "https://API.example.com", "api.example.com",
                "https://api.example.com.evil.example"})
        void nearMisses_areNotTheAudience(String aud) {
            String token = Jwt.auth0User("k1").claim("aud", aud).signedRs256(K1);

            assertRejected(verifier.verify(token), Reason.WRONG_AUDIENCE, token);
        }
    }

    @Test
    void everyRejectionOfTheCredential_isA401() {
        assertThat(Set.of(Reason.MISSING_TOKEN, Reason.MALFORMED, Reason.TOKEN_TOO_LARGE, Reason.OPAQUE_TOKEN,
                Reason.ALG_NOT_ALLOWED, Reason.WRONG_TYPE, Reason.WRONG_ISSUER, Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE,
                Reason.MISSING_CLAIM, Reason.EXPIRED, Reason.NOT_YET_VALID, Reason.WRONG_AUDIENCE))
                .allSatisfy(r -> assertThat(r.kind().httpStatus()).isEqualTo(401));
        assertThat(Reason.JWKS_UNAVAILABLE.kind()).isEqualTo(Reason.Kind.FAILURE);
        assertThat(Reason.JWKS_UNAVAILABLE.kind().httpStatus()).isEqualTo(500);
    }

    @Nested
    class Prefetch {
        @Test
        void fetchesEachIssuersKeySetOnce_andTheFirstTokenNeedsNoFurtherFetch() {
            assertThat(verifier.prefetchKeys(NOW)).isEmpty();
            assertThat(keys.current).hasValue(1);

            assertVerified(verifier.verify(valid()));
            assertThat(keys.refreshed).hasValue(0);
        }

        @Test
        void anUnreachableKeySet_isReportedNotThrown() {
            TokenVerifier unreachable = new TokenVerifier(verifier.settings(), issuer -> new dev.labauth.core.keys.KeySource() {
                @Override
                public KeySnapshot current(Instant now) {
                    return new KeySnapshot.Unavailable("connection refused");
                }

                @Override
                public KeySnapshot refreshedSince(JWKSet seen, Instant now) {
                    return current(now);
                }
            }, Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(unreachable.prefetchKeys(NOW)).containsExactly("connection refused");
            String token = valid();
            assertRejected(unreachable.verify(token), Reason.JWKS_UNAVAILABLE, token);
        }
    }

    /** n, the order of the P-256 group, big-endian, 32 bytes. */
    private static final byte[] P256_ORDER =
            HexFormat.of().parseHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] publicKeyDer(RSAKey key) {
        try {
            return key.toPublicKey().getEncoded();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
