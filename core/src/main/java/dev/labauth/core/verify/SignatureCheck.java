package dev.labauth.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.KeySource.KeySnapshot;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds the key a JWS names in an issuer's key set (refetching once for an unknown {@code kid})
 * and checks the signature with it. Every signature in Lab Auth is checked here, token or test
 * vector alike, so what the vectors prove holds for tokens.
 */
public final class SignatureCheck {
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private SignatureCheck() {
    }

    /** Empty when the signature verifies with a key of the set; otherwise why not. */
    public static Optional<Verification.Rejected> check(JWSObject jws, KeySource source, Instant now) {
        KeySnapshot snapshot = source.current(now);
        if (snapshot instanceof KeySnapshot.Unavailable unavailable) {
            return rejected(Reason.JWKS_UNAVAILABLE, unavailable.detail());
        }
        JWSHeader header = jws.getHeader();
        JWKSet keys = ((KeySnapshot.Available) snapshot).keys();
        List<JWK> candidates = KeySelector.candidates(keys, header);
        if (candidates.isEmpty() && header.getKeyID() != null && !KeySelector.hasKeyId(keys, header.getKeyID())) {
            // A kid never seen may be a freshly rotated key: look once more, within the rate limit.
            KeySnapshot refreshed = source.refreshedSince(keys, now);
            if (refreshed instanceof KeySnapshot.Unavailable unavailable) {
                return rejected(Reason.JWKS_UNAVAILABLE, unavailable.detail());
            }
            keys = ((KeySnapshot.Available) refreshed).keys();
            candidates = KeySelector.candidates(keys, header);
        }
        if (candidates.isEmpty()) {
            String kid = header.getKeyID();
            return rejected(Reason.UNKNOWN_KEY, kid == null
                    ? "no key in the issuer's key set fits alg " + header.getAlgorithm()
                    : KeySelector.hasKeyId(keys, kid)
                            ? "key " + Shown.quoted(kid) + " cannot verify alg " + header.getAlgorithm()
                            : "key " + Shown.quoted(kid) + " is not in the issuer's key set");
        }
        byte[] signingInput = jws.getSigningInput();
        for (JWK key : candidates) {
            PublicKey publicKey = publicKey(key);
            if (publicKey != null && verifies(header, signingInput, jws.getSignature(), publicKey)) {
                return Optional.empty();
            }
        }
        return rejected(Reason.BAD_SIGNATURE,
                "signature does not verify with key " + Shown.quoted(String.valueOf(candidates.get(0).getKeyID())));
    }

    /**
     * The signature primitive itself: Nimbus's verifier for the header's algorithm and the key, and for
     * RSASSA-PKCS1-v1_5 the one encoding RFC 8017 allows (the JDK also takes a legacy one).
     * Any exception (a malformed signature, a key of the wrong kind) means "does not verify".
     */
    public static boolean verifies(JWSHeader header, byte[] signingInput, Base64URL signature, PublicKey key) {
        try {
            JWSVerifier verifier = VERIFIERS.createJWSVerifier(header, key);
            return verifier.verify(header, signingInput, signature)
                    && Pkcs1Encoding.isTheOneEncoding(header.getAlgorithm(), signingInput, signature, key);
        } catch (JOSEException | java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** For vectors given as a message rather than a JWS signing input. */
    public static boolean verifies(JWSHeader header, String message, Base64URL signature, PublicKey key) {
        return verifies(header, message.getBytes(StandardCharsets.UTF_8), signature, key);
    }

    /** The key's public half, or null for a JWK that cannot give one (a key set may hold garbage). */
    private static PublicKey publicKey(JWK key) {
        try {
            return ((AsymmetricJWK) key).toPublicKey();
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<Verification.Rejected> rejected(Reason reason, String description) {
        return Optional.of(Verification.rejected(reason, description));
    }
}
