package dev.labauth.core.verify;

import static dev.labauth.core.verify.Outcomes.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.keys.KeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Published JOSE examples (test resources {@code testdata/jose}, see PROVENANCE.md) through the same
 * signature and claim checks that tokens go through.
 */
class JoseVectorsTest {
    /** exp of the RFC 7515 Appendix A payload: 2011-03-22T18:43:00Z. */
    private static final long RFC7515_EXP = 1_300_819_380L;
    private static final Instant BEFORE_EXP = Instant.ofEpochSecond(RFC7515_EXP - 3600);

    private static Map<String, Object> json(String resource) {
        try (InputStream in = JoseVectorsTest.class.getResourceAsStream("/testdata/jose/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rfc7515(String id) {
        List<Object> examples = (List<Object>) json("rfc7515_appendix_a.json").get("examples");
        return examples.stream().map(e -> (Map<String, Object>) e).filter(e -> id.equals(e.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no example " + id));
    }

    @SuppressWarnings("unchecked")
    private static JWK key(Map<String, Object> example, String field) throws ParseException {
        return JWK.parse((Map<String, Object>) example.get(field));
    }

    private static JWSObject jws(String compact) throws ParseException {
        return JWSObject.parse(compact);
    }

    @Nested
    class Rfc7515AppendixA {
        /** A.2 (RS256), A.3 (ES256) and A.4 (ES512) verify with their published public keys. */
        @ParameterizedTest
        @ValueSource(strings = {"RFC7515-A.2", "RFC7515-A.3", "RFC7515-A.4"})
        void signatureVerifiesWithItsKey(String id) throws ParseException {
            Map<String, Object> example = rfc7515(id);
            JWSObject jws = jws((String) example.get("compact"));
            KeySource keys = new FixedKeySource(new JWKSet(key(example, "jwk_public")));

            assertThat(new String(jws.getSigningInput(), StandardCharsets.US_ASCII))
                    .isEqualTo(example.get("signing_input"));
            assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo(example.get("alg"));
            assertThat(SignatureCheck.check(jws, keys, BEFORE_EXP)).isEmpty();
        }

        @Test
        void a2_withOneCharacterOfThePayloadChanged_isABadSignature() throws ParseException {
            Map<String, Object> example = rfc7515("RFC7515-A.2");
            String compact = (String) example.get("compact");
            String[] s = compact.split("\\.");
            // a different first character of the base64url payload: a different first payload byte
            String payload = (s[1].charAt(0) == 'e' ? 'f' : 'e') + s[1].substring(1);
            JWSObject tampered = jws(s[0] + "." + payload + "." + s[2]);
            KeySource keys = new FixedKeySource(new JWKSet(key(example, "jwk_public")));

            assertThat(SignatureCheck.check(tampered, keys, BEFORE_EXP))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }

        @Test
        void a2_withAnotherRsaKey_isABadSignature() throws ParseException {
            JWSObject a2 = jws((String) rfc7515("RFC7515-A.2").get("compact"));
            KeySource cookbookKey = new FixedKeySource(new JWKSet(JWK.parse(json("cookbook/jwk/3_3.rsa_public_key.json"))));

            // A.2 has no kid: every RSA key is tried, and the cookbook key is not the one.
            assertThat(SignatureCheck.check(a2, cookbookKey, BEFORE_EXP))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }

        /** A.1 is HS256 with a shared secret: no public key set can hold a key for it. */
        @Test
        void a1_hs256_findsNoKey() throws ParseException {
            Map<String, Object> example = rfc7515("RFC7515-A.1");
            JWSObject jws = jws((String) example.get("compact"));
            KeySource keys = new FixedKeySource(new JWKSet(key(example, "jwk_private")));

            assertThat(SignatureCheck.check(jws, keys, BEFORE_EXP))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        }

        @Test
        void a2_claims_passBeforeExp_andExpireAfterIt() throws ParseException {
            String payload = (String) rfc7515("RFC7515-A.2").get("payload");
            Instant exp = Instant.ofEpochSecond(RFC7515_EXP);
            assertThat(JWTClaimsSet.parse(payload).getExpirationTime().toInstant()).isEqualTo(exp);
            Map<String, Object> claims = com.nimbusds.jose.util.JSONObjectUtils.parse(payload);

            assertThat(ClaimChecks.checkTimes(claims, BEFORE_EXP, Duration.ZERO)).isEmpty();
            assertThat(ClaimChecks.checkTimes(claims, exp.minusSeconds(1), Duration.ZERO)).isEmpty();
            assertThat(ClaimChecks.checkTimes(claims, exp.plusSeconds(59), Duration.ofSeconds(60))).isEmpty();
            assertThat(ClaimChecks.checkTimes(claims, exp, Duration.ZERO))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
            assertThat(ClaimChecks.checkTimes(claims, exp.plusSeconds(60), Duration.ofSeconds(60)))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
            assertThat(ClaimChecks.checkTimes(claims, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(60)))
                    .hasValueSatisfying(r -> assertThat(r.description()).contains("2011-03-22T18:43:00Z"));
        }

        /** A.5 is the unsecured JWS: refused on its algorithm. */
        @Test
        void a5_algNone_isNotAllowed() {
            String compact = (String) rfc7515("RFC7515-A.5").get("compact");

            assertRejected(defaultVerifier(new CountingKeySource(new FixedKeySource(new JWKSet()))).verify(compact),
                    Reason.ALG_NOT_ALLOWED, compact);
        }
    }

    @Nested
    class Rfc7520Cookbook {
        /** §4.1: RS256 over a non-JSON payload, verified with the §3.3 public key (kid bilbo.baggins@…). */
        @Test
        void s4_1_rs256_verifiesWithTheS3_3Key() throws ParseException {
            Map<String, Object> example = json("cookbook/jws/4_1.rsa_v15_signature.json");
            JWSObject jws = jws((String) ((Map<?, ?>) example.get("output")).get("compact"));
            JWK publicKey = JWK.parse(json("cookbook/jwk/3_3.rsa_public_key.json"));

            assertThat(jws.getHeader().getKeyID()).isEqualTo(publicKey.getKeyID()).isEqualTo("bilbo.baggins@hobbiton.example");
            assertThat(SignatureCheck.check(jws, new FixedKeySource(new JWKSet(publicKey)), Instant.EPOCH)).isEmpty();
        }

        /** §3.4 is the same key with its private half; the key source keeps only the public part. */
        @Test
        void s4_1_verifiesWithTheS3_4PrivateKeyFileToo() throws ParseException {
            Map<String, Object> example = json("cookbook/jws/4_1.rsa_v15_signature.json");
            JWSObject jws = jws((String) ((Map<?, ?>) example.get("output")).get("compact"));
            RSAKey privateKey = JWK.parse(json("cookbook/jwk/3_4.rsa_private_key.json")).toRSAKey();

            assertThat(privateKey.isPrivate()).isTrue();
            assertThat(privateKey.toPublicJWK()).isEqualTo(JWK.parse(json("cookbook/jwk/3_3.rsa_public_key.json")));
            assertThat(SignatureCheck.check(jws, new FixedKeySource(new JWKSet(privateKey)), Instant.EPOCH)).isEmpty();
        }

        @Test
        void s4_1_againstAKeySetWithoutItsKid_isUnknownKey() throws ParseException {
            Map<String, Object> example = json("cookbook/jws/4_1.rsa_v15_signature.json");
            JWSObject jws = jws((String) ((Map<?, ?>) example.get("output")).get("compact"));
            CountingKeySource a2Key = new CountingKeySource(
                    new FixedKeySource(new JWKSet(key(rfc7515("RFC7515-A.2"), "jwk_public"))));

            assertThat(SignatureCheck.check(jws, a2Key, Instant.EPOCH))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY));
            assertThat(a2Key.refreshed).as("an unknown kid asks once for fresher keys").hasValue(1);
        }

        /**
         * §4.4: HS256. Refused by a verifier with default settings on the algorithm alone, before its
         * (non-JSON) payload or any key is looked at.
         */
        @Test
        void s4_4_hs256_isAlgNotAllowed() {
            Map<String, Object> example = json("cookbook/jws/4_4.hmac-sha2_integrity_protection.json");
            String compact = (String) ((Map<?, ?>) example.get("output")).get("compact");
            CountingKeySource keys = new CountingKeySource(new FixedKeySource(new JWKSet()));

            Verification.Rejected r = assertRejected(defaultVerifier(keys).verify(compact), Reason.ALG_NOT_ALLOWED, compact);

            assertThat(r.description()).contains("'HS256'");
            assertThat(keys.current).hasValue(0);
        }
    }

    /**
     * RFC 7520 §4.2, §4.3, §4.5–§4.8: the other algorithms verify with their keys through the same check;
     * the JSON serialisations, and anything HMAC, are refused when presented as a token.
     */
    @Nested
    class Rfc7520OtherSerialisations {
        private static final String[] ALL = {"4_2.rsa-pss_signature", "4_3.ecdsa_signature",
                "4_5.signature_with_detached_content", "4_6.protecting_specific_header_fields",
                "4_7.protecting_content_only", "4_8.multiple_signatures"};

        private Map<?, ?> output(String name) {
            return (Map<?, ?>) json("cookbook/jws/" + name + ".json").get("output");
        }

        @Test
        void s4_2_ps384_and_s4_3_es512_verifyWithTheirKeys() throws ParseException {
            JWK rsa = JWK.parse(json("cookbook/jwk/3_3.rsa_public_key.json"));
            JWK ec = JWK.parse(json("cookbook/jwk/3_1.ec_public_key.json"));
            JWSObject ps384 = jws((String) output("4_2.rsa-pss_signature").get("compact"));
            JWSObject es512 = jws((String) output("4_3.ecdsa_signature").get("compact"));

            assertThat(SignatureCheck.check(ps384, new FixedKeySource(new JWKSet(rsa)), Instant.EPOCH)).isEmpty();
            assertThat(SignatureCheck.check(es512, new FixedKeySource(new JWKSet(ec)), Instant.EPOCH)).isEmpty();
            // crossed over, neither verifies: the kid names a key of the other type
            assertThat(SignatureCheck.check(ps384, new FixedKeySource(new JWKSet(ec)), Instant.EPOCH))
                    .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        }

        /** §4.8: one payload, three signatures; the RS256 and ES512 ones verify, the HS256 one never can. */
        @Test
        void s4_8_eachSignatureOfTheGeneralSerialisation() throws Exception {
            Map<?, ?> general = (Map<?, ?>) output("4_8.multiple_signatures").get("json");
            String payload = (String) general.get("payload");
            JWK rsa = JWK.parse(json("cookbook/jwk/3_3.rsa_public_key.json"));
            JWK ec = JWK.parse(json("cookbook/jwk/3_1.ec_public_key.json"));
            int verified = 0;
            for (Object o : (List<?>) general.get("signatures")) {
                Map<?, ?> sig = (Map<?, ?>) o;
                String prot = (String) sig.get("protected");
                com.nimbusds.jose.JWSHeader header = prot != null
                        ? com.nimbusds.jose.JWSHeader.parse(new com.nimbusds.jose.util.Base64URL(prot))
                        : new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.parse(
                                (String) ((Map<?, ?>) sig.get("header")).get("alg"))).build();
                byte[] input = ((prot == null ? "" : prot) + "." + payload).getBytes(StandardCharsets.US_ASCII);
                com.nimbusds.jose.util.Base64URL signature = new com.nimbusds.jose.util.Base64URL((String) sig.get("signature"));
                boolean byRsa = SignatureCheck.verifies(header, input, signature, ((RSAKey) rsa).toPublicKey());
                boolean byEc = SignatureCheck.verifies(header, input, signature, ((com.nimbusds.jose.jwk.ECKey) ec).toPublicKey());
                switch (header.getAlgorithm().getName()) {
                    case "RS256" -> assertThat(byRsa).isTrue();
                    case "ES512" -> assertThat(byEc).isTrue();
                    default -> assertThat(byRsa || byEc).as("HMAC with a public key").isFalse();
                }
                verified += byRsa || byEc ? 1 : 0;
            }
            assertThat(verified).isEqualTo(2);
        }

        /** JWS JSON serialisations (flattened and general) are not bearer tokens: malformed, whatever they carry. */
        @Test
        void jsonSerialisations_asTokens_areMalformed() {
            TokenVerifier verifier = defaultVerifier(new CountingKeySource(new FixedKeySource(new JWKSet())));
            int seen = 0;
            for (String name : ALL) {
                Map<?, ?> out = output(name);
                for (String form : List.of("json", "json_flat")) {
                    if (out.get(form) != null) {
                        String token = JSONObjectUtils.toJSONString((Map<String, ?>) out.get(form));
                        assertRejected(verifier.verify(token), Reason.MALFORMED, token);
                        seen++;
                    }
                }
            }
            assertThat(seen).isGreaterThanOrEqualTo(10);
        }

        /** §4.5's compact form (detached payload, HS256) and the other compact forms never pass as tokens. */
        @Test
        void compactForms_asTokens_areRefusedOnTheirAlgorithm() {
            TokenVerifier verifier = defaultVerifier(new CountingKeySource(new FixedKeySource(new JWKSet())));
            for (String name : List.of("4_2.rsa-pss_signature", "4_3.ecdsa_signature", "4_5.signature_with_detached_content")) {
                String token = (String) output(name).get("compact");
                assertRejected(verifier.verify(token), Reason.ALG_NOT_ALLOWED, token);
            }
        }
    }

    private static TokenVerifier defaultVerifier(KeySource keys) {
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", "https://api.example.com"));
        return new TokenVerifier(settings, issuer -> keys, Clock.fixed(BEFORE_EXP, ZoneOffset.UTC));
    }
}
