package dev.labauth.core.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the keys a token may be checked against: by {@code kid} when the token names one (Auth0
 * always does), otherwise every key whose type fits the algorithm. A key only qualifies if its type,
 * curve, {@code use}, {@code key_ops} and {@code alg} all allow verifying this algorithm, and RSA keys
 * must be fit to verify (at least 2048 bits, a sane exponent, no ROCA fingerprint: {@link RsaKeyStrength}).
 */
final class KeySelector {
    static final int MIN_RSA_BITS = RsaKeyStrength.MIN_BITS;

    private KeySelector() {
    }

    static List<JWK> candidates(JWKSet keys, JWSHeader header) {
        return VerificationKeys.of(keys).candidates(header).stream().map(VerificationKeys.Key::jwk).toList();
    }

    /** True when the set holds a key with this id, whatever its type. */
    static boolean hasKeyId(JWKSet keys, String kid) {
        return kid != null && keys.getKeyByKeyId(kid) != null;
    }

    static boolean fits(JWK key, JWSAlgorithm alg) {
        return fits(key, key instanceof RSAKey rsa && rsaFit(rsa), alg);
    }

    /** The RSA key's own fitness, apart from any algorithm: the costly part, judged once per key set. */
    static boolean rsaFit(RSAKey rsa) {
        // the modulus's own bit length: RSAKey.size() rounds up to whole bytes (2041..2047 would pass)
        return RsaKeyStrength.fitToVerify(rsa.getModulus().decodeToBigInteger(), rsa.getPublicExponent().decodeToBigInteger());
    }

    /** As {@link #fits(JWK, JWSAlgorithm)}, with the RSA key's fitness already judged ({@code rsaFit}). */
    static boolean fits(JWK key, boolean rsaFit, JWSAlgorithm alg) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return key instanceof RSAKey && rsaFit;
        }
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            if (!(key instanceof ECKey ec)) {
                return false;
            }
            List<Curve> curves = new ArrayList<>(Curve.forJWSAlgorithm(alg));
            return curves.contains(ec.getCurve());
        }
        return false;
    }
}
