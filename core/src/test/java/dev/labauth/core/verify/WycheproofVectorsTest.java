package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.config.JwksSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.testing.JwksServer;
import dev.labauth.core.testing.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Google's Wycheproof vectors (test resources {@code testdata/wycheproof}, see PROVENANCE.md).
 *
 * <p>Signature vectors: their messages are not JWS signing inputs, so each goes straight to
 * {@link SignatureCheck#verifies}, the primitive every token signature goes through, with the key
 * converted as the token path converts a JWK from a key set ({@code JWK.parse} → {@code toPublicKey()}),
 * and checked fit by {@link KeySelector} as the token path would. {@code valid} must verify; {@code invalid}
 * and {@code acceptable} (either verdict allowed by Wycheproof) must not.
 *
 * <p>JWK cases: each group's key set is served over loopback HTTP and read by {@link RemoteKeySource},
 * exactly as an issuer's JWKS, and the case's JWS goes through {@link SignatureCheck#check} (key choice by
 * {@code kid}, key fitness, signature). The file's {@code valid} HMAC cases are the one deliberate
 * difference: Lab Auth never verifies HMAC (DESIGN.md, RFC 8725), so those are asserted refused.
 */
class WycheproofVectorsTest {
    private static final String DIR = "/testdata/wycheproof/";

    static Map<String, Object> file(String name) {
        try (InputStream in = WycheproofVectorsTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as(name).isNotNull();
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(name, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** One signature vector with the JWK of its group. */
    record Vector(String file, long tcId, String comment, List<?> flags, Map<String, Object> jwk, byte[] msg,
            byte[] sig, String result) {
        @Override
        public String toString() {
            return "tcId " + tcId + " " + result + " " + flags + " " + comment;
        }
    }

    static Stream<Arguments> vectors(String file, String jwkField) {
        Map<String, Object> json = file(file);
        List<Arguments> out = new ArrayList<>();
        for (Map<String, Object> group : list(json.get("testGroups"))) {
            for (Map<String, Object> t : list(group.get("tests"))) {
                out.add(Arguments.of(new Vector(file, ((Number) t.get("tcId")).longValue(), (String) t.get("comment"),
                        (List<?>) t.get("flags"), map(group.get(jwkField)), HexFormat.of().parseHex((String) t.get("msg")),
                        HexFormat.of().parseHex((String) t.get("sig")), (String) t.get("result"))));
            }
        }
        assertThat(out).hasSize(((Number) json.get("numberOfTests")).intValue());
        return out.stream();
    }

    static Stream<Arguments> rs256() {
        return vectors("rsa_signature_2048_sha256_test.json", "keyJwk");
    }

    static Stream<Arguments> es256() {
        return vectors("ecdsa_secp256r1_sha256_p1363_test.json", "publicKeyJwk");
    }

    /** The token path's conversion: a JWK as parsed from a key set, its public key. */
    static PublicKey publicKey(Map<String, Object> jwk, JWSAlgorithm alg) throws Exception {
        JWK key = JWK.parse(jwk);
        assertThat(KeySelector.fits(key, alg)).as("the token path would use this key for %s", alg).isTrue();
        return ((AsymmetricJWK) key).toPublicKey();
    }

    /**
     * The JDK's P-256 verifier (17.0.x here) refuses this one {@code valid} vector, whose r comes from an
     * x-coordinate at or above the group order. A refusal of a genuine signature (odds about 2^-128 for a
     * real one) is the safe direction, and ECDSA is not ours to reimplement: the test pins the JDK's
     * verdict, so that a JDK that fixes it shows up here.
     */
    static final long JDK_REFUSES_VALID_ES256 = 115;

    static void assertVerdict(Vector v, JWSAlgorithm alg) throws Exception {
        boolean verified = SignatureCheck.verifies(new JWSHeader(alg), v.msg(), Base64URL.encode(v.sig()),
                publicKey(v.jwk(), alg));
        boolean expected = v.result().equals("valid")
                && !(alg.equals(JWSAlgorithm.ES256) && v.tcId() == JDK_REFUSES_VALID_ES256);
        assertThat(verified).as("%s %s", v.file(), v).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rs256")
    void rs256_2048_everyVectorGivesItsVerdict(Vector v) throws Exception {
        assertVerdict(v, JWSAlgorithm.RS256);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("es256")
    void es256_p1363_everyVectorGivesItsVerdict(Vector v) throws Exception {
        assertVerdict(v, JWSAlgorithm.ES256);
    }

    @Test
    void theFilesHoldWhatTheReportCounts() {
        assertThat(rs256().count()).isEqualTo(259);
        assertThat(es256().count()).isEqualTo(252);
        assertThat(rs256().map(a -> ((Vector) a.get()[0]).result()).filter("acceptable"::equals).count()).isEqualTo(1);
    }

    /** The JWK cases, each group's key set published by a loopback JWKS endpoint. */
    @Nested
    class JsonWebKeyCases {
        private static JwksServer server;

        @BeforeAll
        static void start() {
            server = JwksServer.start();
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        record JwkCase(long tcId, String comment, String group, Map<String, Object> keySet, String jws, String result) {
            boolean hmac() {
                return jws.startsWith("eyJhbGciOiJIUz");
            }

            @Override
            public String toString() {
                return "tcId " + tcId + " " + group + "/" + comment + " (" + result + ")";
            }
        }

        static Stream<Arguments> cases() {
            Map<String, Object> json = file("json_web_key_test.json");
            List<Arguments> out = new ArrayList<>();
            for (Map<String, Object> group : list(json.get("testGroups"))) {
                // What an issuer publishes: the public set where the group has one, else the set as given.
                Map<String, Object> keySet = map(group.containsKey("public") ? group.get("public") : group.get("private"));
                for (Map<String, Object> t : list(group.get("tests"))) {
                    out.add(Arguments.of(new JwkCase(((Number) t.get("tcId")).longValue(), (String) t.get("comment"),
                            (String) group.get("comment"), keySet, (String) t.get("jws"), (String) t.get("result"))));
                }
            }
            assertThat(out).hasSize(26);
            return out.stream();
        }

        /**
         * The verdict of the token path's key lookup and signature check. A key set that cannot be read
         * at all (a point off its curve, an RSA key without a modulus) is a failed fetch: no key, no accept.
         */
        private Optional<Verification.Rejected> check(JwkCase c) throws ParseException {
            server.publishRaw(JSONObjectUtils.toJSONString(c.keySet()));
            KeySource source = new RemoteKeySource(server.jwksUri(), JwksSettings.defaults());
            return SignatureCheck.check(JWSObject.parse(c.jws()), source, Jwt.NOW);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void eachKeySetAndJws_isAcceptedOrRefusedAsTheFileSays(JwkCase c) throws ParseException {
            Optional<Verification.Rejected> verdict = check(c);

            if (c.result().equals("valid") && !c.hmac()) {
                assertThat(verdict).as("%s", c).isEmpty();
            } else {
                assertThat(verdict).as("%s", c).isPresent();
                Reason reason = verdict.get().reason();
                // A key set that cannot be parsed fails the fetch (our 500); everything else is the key or signature.
                assertThat(reason).as("%s: %s", c, verdict.get().description())
                        .isIn(Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE, Reason.JWKS_UNAVAILABLE);
            }
        }

        /** The reasons, case by case, so that a change in why a case is refused is seen. */
        @Test
        void reasons() throws ParseException {
            Map<Long, Reason> expected = new java.util.HashMap<>();
            for (long id = 1; id <= 26; id++) {
                expected.put(id, Reason.UNKNOWN_KEY); // HMAC and AES keys never fit; wrong use/alg/size/exponent/ROCA
            }
            expected.remove(5L); // the one valid RS256 case
            // A key set of secret (oct) keys only has no public key at all: not a key set, a failed fetch (500).
            for (long id : new long[] {2, 3, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 25, 26}) {
                expected.put(id, Reason.JWKS_UNAVAILABLE);
            }
            expected.put(22L, Reason.JWKS_UNAVAILABLE); // EC point not on P-256: the key set does not parse
            expected.put(23L, Reason.JWKS_UNAVAILABLE); // P-256 coordinates under crv P-384
            expected.put(24L, Reason.JWKS_UNAVAILABLE); // kty RSA without a modulus
            expected.put(9L, Reason.JWKS_UNAVAILABLE); // e = 1: the JDK will not even build the public key
            for (Arguments a : cases().toList()) {
                JwkCase c = (JwkCase) a.get()[0];
                Optional<Verification.Rejected> verdict = check(c);
                if (c.tcId() == 5) {
                    assertThat(verdict).as("%s", c).isEmpty();
                } else {
                    assertThat(verdict).as("%s", c).hasValueSatisfying(
                            r -> assertThat(r.reason()).as("%s: %s", c, r.description()).isEqualTo(expected.get(c.tcId())));
                }
            }
        }

        /** The same key sets held in memory (a saved JWKS file): HMAC and broken keys never verify either. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void heldInAFixedKeySource_theVerdictIsTheSame(JwkCase c) throws ParseException {
            JWKSet set;
            try {
                set = JWKSet.parse(c.keySet());
            } catch (ParseException unreadable) {
                assertThat(c.result()).isEqualTo("invalid");
                return;
            }
            Optional<Verification.Rejected> verdict =
                    SignatureCheck.check(JWSObject.parse(c.jws()), new FixedKeySource(set), Jwt.NOW);
            assertThat(verdict.isEmpty()).as("%s", c).isEqualTo(c.result().equals("valid") && !c.hmac());
        }
    }
}
