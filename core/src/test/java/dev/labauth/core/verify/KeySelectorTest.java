package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.testing.TestKeys;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which published keys a token may be checked against. */
class KeySelectorTest {
    private static final RSAKey RSA = TestKeys.rsa("rsa").toPublicJWK();
    private static final ECKey P256 = TestKeys.ec("p256").toPublicJWK();
    private static final ECKey P384 = TestKeys.ecOn("p384", Curve.P_384).toPublicJWK();

    private static RSAKey.Builder rsa() {
        return new RSAKey.Builder(RSA);
    }

    @Test
    void plainRsaKey_fitsEveryRsaSignatureAlgorithm() {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512)) {
            assertThat(KeySelector.fits(RSA, alg)).as(alg.getName()).isTrue();
        }
    }

    @Test
    void use_mustBeSigWhenPresent() {
        assertThat(KeySelector.fits(rsa().keyUse(KeyUse.SIGNATURE).build(), JWSAlgorithm.RS256)).isTrue();
        assertThat(KeySelector.fits(rsa().keyUse(KeyUse.ENCRYPTION).build(), JWSAlgorithm.RS256)).isFalse();
    }

    @Test
    void keyOps_mustIncludeVerifyWhenPresent() {
        assertThat(KeySelector.fits(rsa().keyOperations(Set.of(KeyOperation.VERIFY)).build(), JWSAlgorithm.RS256)).isTrue();
        assertThat(KeySelector.fits(rsa().keyOperations(Set.of(KeyOperation.SIGN, KeyOperation.VERIFY)).build(),
                JWSAlgorithm.RS256)).isTrue();
        assertThat(KeySelector.fits(rsa().keyOperations(Set.of(KeyOperation.SIGN)).build(), JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(rsa().keyOperations(Set.of(KeyOperation.ENCRYPT, KeyOperation.WRAP_KEY)).build(),
                JWSAlgorithm.RS256)).isFalse();
    }

    @Test
    void alg_mustMatchWhenPresent() {
        assertThat(KeySelector.fits(rsa().algorithm(JWSAlgorithm.RS256).build(), JWSAlgorithm.RS256)).isTrue();
        assertThat(KeySelector.fits(rsa().algorithm(JWSAlgorithm.RS384).build(), JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(rsa().algorithm(JWSAlgorithm.PS256).build(), JWSAlgorithm.RS256)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2040, 2047})
    void rsaUnder2048Bits_isRefused(int bits) {
        RSAKey weak = TestKeys.rsaOfSize("weak" + bits, bits).toPublicJWK();

        assertThat(weak.getModulus().decodeToBigInteger().bitLength()).isEqualTo(bits);
        assertThat(KeySelector.fits(weak, JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(weak, JWSAlgorithm.PS256)).isFalse();
    }

    @Test
    void rsaOf2048And3072Bits_fits() {
        assertThat(KeySelector.fits(RSA, JWSAlgorithm.RS256)).isTrue();
        assertThat(KeySelector.fits(TestKeys.rsaOfSize("big", 3072).toPublicJWK(), JWSAlgorithm.RS256)).isTrue();
    }

    @Test
    void ecKey_fitsOnlyTheAlgorithmOfItsCurve() {
        assertThat(KeySelector.fits(P256, JWSAlgorithm.ES256)).isTrue();
        assertThat(KeySelector.fits(P256, JWSAlgorithm.ES384)).isFalse();
        assertThat(KeySelector.fits(P384, JWSAlgorithm.ES384)).isTrue();
        assertThat(KeySelector.fits(P384, JWSAlgorithm.ES256)).isFalse();
    }

    @Test
    void keyTypeMustFitTheAlgorithmFamily() {
        assertThat(KeySelector.fits(P256, JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(RSA, JWSAlgorithm.ES256)).isFalse();
    }

    /** An HMAC secret in a key set is never a verification key, whatever the token's alg. */
    @Test
    void octKey_neverFits() {
        OctetSequenceKey oct = new OctetSequenceKey.Builder(new Base64URL("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"))
                .keyID("oct").build();

        assertThat(KeySelector.fits(oct, JWSAlgorithm.HS256)).isFalse();
        assertThat(KeySelector.fits(oct, JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(RSA, JWSAlgorithm.HS256)).isFalse();
    }

    @Test
    void candidates_byKid() {
        RSAKey second = new RSAKey.Builder(TestKeys.rsa("rsa2").toPublicJWK()).build();
        JWKSet set = new JWKSet(List.<JWK>of(RSA, second, P256));

        assertThat(KeySelector.candidates(set, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa2").build()))
                .containsExactly(second);
        assertThat(KeySelector.candidates(set, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("p256").build()))
                .isEmpty();
        assertThat(KeySelector.candidates(set, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build()))
                .isEmpty();
    }

    /** Without kid (some test vectors), every key whose type fits is a candidate, in set order. */
    @Test
    void candidates_withoutKid_areAllKeysThatFit() {
        RSAKey second = TestKeys.rsa("rsa2").toPublicJWK();
        RSAKey encryption = new RSAKey.Builder(TestKeys.rsa("enc").toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build();
        JWKSet set = new JWKSet(List.<JWK>of(RSA, P256, encryption, second));

        assertThat(KeySelector.candidates(set, new JWSHeader(JWSAlgorithm.RS256))).containsExactly(RSA, second);
        assertThat(KeySelector.candidates(set, new JWSHeader(JWSAlgorithm.ES256))).containsExactly(P256);
        assertThat(KeySelector.candidates(set, new JWSHeader(JWSAlgorithm.ES512))).isEmpty();
    }

    @Test
    void hasKeyId_whateverTheKeyType() {
        JWKSet set = new JWKSet(List.<JWK>of(RSA, P256));

        assertThat(KeySelector.hasKeyId(set, "p256")).isTrue();
        assertThat(KeySelector.hasKeyId(set, "rsa")).isTrue();
        assertThat(KeySelector.hasKeyId(set, "other")).isFalse();
        assertThat(KeySelector.hasKeyId(set, null)).isFalse();
    }

    /**
     * RSA keys anyone could forge for are never used, whatever the key set says: an exponent of 1 (the
     * "signature" is the padded hash itself), an even exponent or modulus, an exponent at or above the modulus.
     */
    @ParameterizedTest
    @ValueSource(strings = {"e=1", "e=2", "e=65538", "e=n", "even-n"})
    void rsaKeyAnyoneCouldForgeFor_isRefused(String variant) {
        java.math.BigInteger n = RSA.getModulus().decodeToBigInteger();
        java.math.BigInteger e = switch (variant) {
            case "e=1" -> java.math.BigInteger.ONE;
            case "e=2" -> java.math.BigInteger.TWO;
            case "e=65538" -> java.math.BigInteger.valueOf(65_538);
            case "e=n" -> n;
            default -> java.math.BigInteger.valueOf(65_537);
        };
        if (variant.equals("even-n")) {
            n = n.clearBit(0);
        }
        RSAKey weak = new RSAKey.Builder(Base64URL.encode(n), Base64URL.encode(e)).keyID("weak").build();

        assertThat(KeySelector.fits(weak, JWSAlgorithm.RS256)).isFalse();
        assertThat(KeySelector.fits(weak, JWSAlgorithm.PS256)).isFalse();
    }

    @Test
    void smallOddExponent_likeWycheproofsE3Keys_fits() {
        RSAKey e3 = new RSAKey.Builder(RSA.getModulus(), Base64URL.encode(java.math.BigInteger.valueOf(3))).build();

        assertThat(KeySelector.fits(e3, JWSAlgorithm.RS256)).isTrue();
    }

    /** CVE-2017-15361: a modulus whose primes came from the flawed generator is refused; random ones are not. */
    @Test
    void rocaFingerprint_isRefused_randomModuliAreNot() throws Exception {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> group = ((List<java.util.Map<String, Object>>) WycheproofVectorsTest
                .file("json_web_key_test.json").get("testGroups")).stream()
                .filter(g -> "jws_rsa_roca_key".equals(g.get("comment"))).findFirst().orElseThrow();
        RSAKey roca = JWKSet.parse(WycheproofVectorsTest.map(group.get("public"))).getKeys().get(0).toRSAKey();

        assertThat(roca.getModulus().decodeToBigInteger().bitLength()).isGreaterThanOrEqualTo(2048);
        assertThat(RsaKeyStrength.hasRocaFingerprint(roca.getModulus().decodeToBigInteger())).isTrue();
        assertThat(KeySelector.fits(roca, JWSAlgorithm.RS256)).isFalse();
        for (int i = 0; i < 8; i++) {
            RSAKey random = TestKeys.rsa("roca-control-" + i);
            assertThat(RsaKeyStrength.hasRocaFingerprint(random.getModulus().decodeToBigInteger())).isFalse();
            assertThat(KeySelector.fits(random.toPublicJWK(), JWSAlgorithm.RS256)).isTrue();
        }
    }
}
