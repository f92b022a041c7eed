package dev.labauth.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.KeySource.KeySnapshot;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
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
        return check(jws.getHeader(), jws.getSigningInput(), jws.getSignature(), source, now);
    }

    /** As {@link #check(JWSObject, KeySource, Instant)}, for a JWS already taken apart. */
    static Optional<Verification.Rejected> check(JWSHeader header, byte[] signingInput, Base64URL signature,
            KeySource source, Instant now) {
        KeySnapshot snapshot = source.current(now);
        if (snapshot instanceof KeySnapshot.Unavailable unavailable) {
            return rejected(Reason.JWKS_UNAVAILABLE, unavailable.detail());
        }
        JWKSet keys = ((KeySnapshot.Available) snapshot).keys();
        List<VerificationKeys.Key> candidates = VerificationKeys.of(keys).candidates(header);
        if (candidates.isEmpty() && header.getKeyID() != null && !KeySelector.hasKeyId(keys, header.getKeyID())) {
            // A kid never seen may be a freshly rotated key: look once more, within the rate limit.
            KeySnapshot refreshed = source.refreshedSince(keys, now);
            if (refreshed instanceof KeySnapshot.Unavailable unavailable) {
                return rejected(Reason.JWKS_UNAVAILABLE, unavailable.detail());
            }
            keys = ((KeySnapshot.Available) refreshed).keys();
            candidates = VerificationKeys.of(keys).candidates(header);
        }
        if (candidates.isEmpty()) {
            String kid = header.getKeyID();
            return rejected(Reason.UNKNOWN_KEY, kid == null
                    ? "no key in the issuer's key set fits alg " + header.getAlgorithm()
                    : KeySelector.hasKeyId(keys, kid)
                            ? "key " + Shown.quoted(kid) + " cannot verify alg " + header.getAlgorithm()
                            : "key " + Shown.quoted(kid) + " is not in the issuer's key set");
        }
        for (VerificationKeys.Key key : candidates) {
            if (key.publicKey() != null && verifies(header, signingInput, signature, key.publicKey())) {
                return Optional.empty();
            }
        }
        return rejected(Reason.BAD_SIGNATURE,
                "signature does not verify with key " + Shown.quoted(String.valueOf(candidates.get(0).jwk().getKeyID())));
    }

    /**
     * The signature primitive itself. RS256/384/512 are held to the one encoding RFC 8017 allows
     * ({@link Pkcs1Encoding}: the JDK also takes a legacy one); every other algorithm is Nimbus's
     * verifier for the header's algorithm and the key. A header with {@code crit} always goes through
     * Nimbus as well, which refuses critical parameters it does not understand. Any exception (a
     * malformed signature, a key of the wrong kind) means "does not verify".
     */
    public static boolean verifies(JWSHeader header, byte[] signingInput, Base64URL signature, PublicKey key) {
        try {
            boolean rsaPkcs1 = Pkcs1Encoding.isRsaPkcs1(header.getAlgorithm());
            if (rsaPkcs1 && header.getCriticalParams() == null) {
                return key instanceof RSAPublicKey rsa
                        && Pkcs1Encoding.verifies(header.getAlgorithm(), signingInput, bytes(signature), rsa);
            }
            JWSVerifier verifier = VERIFIERS.createJWSVerifier(header, key);
            return verifier.verify(header, signingInput, signature)
                    && (!rsaPkcs1 || Pkcs1Encoding.verifies(header.getAlgorithm(), signingInput, signature.decode(),
                            (RSAPublicKey) key));
        } catch (JOSEException | java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Canonical base64url (the token path checks it first) with the JDK's decoder; Nimbus's for anything else. */
    private static byte[] bytes(Base64URL signature) {
        try {
            return java.util.Base64.getUrlDecoder().decode(signature.toString());
        } catch (IllegalArgumentException e) {
            return signature.decode();
        }
    }

    /** For vectors given as a message rather than a JWS signing input. */
    public static boolean verifies(JWSHeader header, String message, Base64URL signature, PublicKey key) {
        return verifies(header, message.getBytes(StandardCharsets.UTF_8), signature, key);
    }

    private static Optional<Verification.Rejected> rejected(Reason reason, String description) {
        return Optional.of(Verification.rejected(reason, description));
    }
}
