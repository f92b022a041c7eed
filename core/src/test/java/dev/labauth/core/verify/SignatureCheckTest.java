package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.TestKeys;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key lookup and signature check, against key sources that answer as the test tells them. */
class SignatureCheckTest {
    private static final RSAKey A = TestKeys.rsa("A");
    private static final RSAKey B = TestKeys.rsa("B");
    private static final Instant NOW = Jwt.NOW;

    /** Answers current() and refreshedSince() from two scripted lists, recording what it was asked. */
    private static final class ScriptedKeySource implements KeySource {
        final List<KeySnapshot> currents;
        final List<KeySnapshot> refreshes;
        final List<JWKSet> seen = new ArrayList<>();

        ScriptedKeySource(List<KeySnapshot> currents, List<KeySnapshot> refreshes) {
            this.currents = new ArrayList<>(currents);
            this.refreshes = new ArrayList<>(refreshes);
        }

        @Override
        public KeySnapshot current(Instant now) {
            return currents.remove(0);
        }

        @Override
        public KeySnapshot refreshedSince(JWKSet keys, Instant now) {
            seen.add(keys);
            return refreshes.remove(0);
        }
    }

    private static KeySource.KeySnapshot available(RSAKey... keys) {
        return new KeySource.KeySnapshot.Available(new JWKSet(List.of(keys)).toPublicJWKSet());
    }

    private static JWSObject signed(RSAKey key) throws ParseException {
        return JWSObject.parse(Jwt.auth0User(key.getKeyID()).signedRs256(key));
    }

    @Test
    void knownKid_verifies_withoutRefresh() throws ParseException {
        ScriptedKeySource source = new ScriptedKeySource(List.of(available(A)), List.of());

        assertThat(SignatureCheck.check(signed(A), source, NOW)).isEmpty();
        assertThat(source.seen).isEmpty();
    }

    /** C-09 in miniature: the refresh is asked with the set that lacked the kid, and its answer is used. */
    @Test
    void unknownKid_asksOnceForFresherKeys_withTheSetItSaw() throws ParseException {
        KeySource.KeySnapshot old = available(A);
        ScriptedKeySource source = new ScriptedKeySource(List.of(old), List.of(available(A, B)));

        assertThat(SignatureCheck.check(signed(B), source, NOW)).isEmpty();
        assertThat(source.seen).containsExactly(((KeySource.KeySnapshot.Available) old).keys());
    }

    /**
     * Keys are prepared once per fetched set, by identity: a key dropped from a refetched set stops
     * verifying at once, even though the set it was prepared from looked the same a moment before.
     */
    @Test
    void aKeyDroppedFromTheNextSet_stopsVerifying_evenAfterItWasPrepared() throws ParseException {
        ScriptedKeySource source = new ScriptedKeySource(List.of(available(A, B), available(B), available(A, B)),
                List.of(available(B)));

        assertThat(SignatureCheck.check(signed(A), source, NOW)).isEmpty();
        assertThat(SignatureCheck.check(signed(A), source, NOW))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThat(SignatureCheck.check(signed(A), source, NOW)).isEmpty();
    }

    /** RS256 signatures are opened once and compared with the one encoding; the wrong length never verifies. */
    @Test
    void rsaSignatureOfTheWrongLength_doesNotVerify() throws Exception {
        JWSObject jws = signed(A);
        byte[] sig = jws.getSignature().decode();
        byte[] longer = java.util.Arrays.copyOf(sig, sig.length + 1);
        byte[] leadingZero = new byte[sig.length + 1];
        System.arraycopy(sig, 0, leadingZero, 1, sig.length);

        assertThat(SignatureCheck.verifies(jws.getHeader(), jws.getSigningInput(), Base64URL.encode(sig), A.toPublicKey()))
                .isTrue();
        assertThat(SignatureCheck.verifies(jws.getHeader(), jws.getSigningInput(), Base64URL.encode(longer), A.toPublicKey()))
                .isFalse();
        assertThat(SignatureCheck.verifies(jws.getHeader(), jws.getSigningInput(), Base64URL.encode(leadingZero),
                A.toPublicKey())).isFalse();
    }

    @Test
    void unavailableKeys_areJwksUnavailable() throws ParseException {
        ScriptedKeySource source = new ScriptedKeySource(
                List.of(new KeySource.KeySnapshot.Unavailable("JWKS down")), List.of());

        assertThat(SignatureCheck.check(signed(A), source, NOW)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
            assertThat(r.description()).isEqualTo("JWKS down");
        });
    }

    @Test
    void refreshUnavailable_isJwksUnavailable_notUnknownKey() throws ParseException {
        ScriptedKeySource source = new ScriptedKeySource(List.of(available(A)),
                List.of(new KeySource.KeySnapshot.Unavailable("JWKS down")));

        assertThat(SignatureCheck.check(signed(B), source, NOW))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE));
    }

    @Test
    void verifiesPrimitive_refusesGarbageInsteadOfThrowing() throws Exception {
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
        byte[] input = "a.b".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(SignatureCheck.verifies(header, input, new Base64URL("AA"), A.toPublicKey())).isFalse();
        assertThat(SignatureCheck.verifies(header, input, new Base64URL("!!"), A.toPublicKey())).isFalse();
        assertThat(SignatureCheck.verifies(new JWSHeader(JWSAlgorithm.ES256), input, new Base64URL("AA"),
                A.toPublicKey())).isFalse();
        assertThat(SignatureCheck.verifies(new JWSHeader(JWSAlgorithm.HS256), input, new Base64URL("AA"),
                A.toPublicKey())).isFalse();
    }

    @Test
    void verifiesPrimitive_acceptsAGoodMessageSignature() throws Exception {
        String token = Jwt.auth0User("A").signedRs256(A);
        JWSObject jws = JWSObject.parse(token);
        String signingInput = token.substring(0, token.lastIndexOf('.'));

        assertThat(SignatureCheck.verifies(jws.getHeader(), signingInput, jws.getSignature(), A.toPublicKey())).isTrue();
        assertThat(SignatureCheck.verifies(jws.getHeader(), signingInput + "x", jws.getSignature(), A.toPublicKey()))
                .isFalse();
        assertThat(SignatureCheck.verifies(jws.getHeader(), signingInput, jws.getSignature(), B.toPublicKey())).isFalse();
    }
}
