package dev.labauth.core.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A key set made ready to verify with once per fetched set, not once per token: each key's public
 * half decoded and each RSA key's fitness ({@link RsaKeyStrength}, a ROCA test among others) judged
 * up front. Profiles showed both on every request, costing as much as the signature itself. Which key
 * may verify what is still decided by {@link KeySelector}; this only remembers its answers.
 */
final class VerificationKeys {
    /** How many distinct key sets stay prepared: a few issuers, each with a set and its refetched successor. */
    private static final int SLOTS = 8;
    private static final VerificationKeys[] RECENT = new VerificationKeys[SLOTS];
    private static int nextSlot;

    /**
     * One key of the set.
     *
     * @param publicKey null for a JWK that cannot give one (a key set may hold garbage)
     * @param rsaFit    for an RSA key, whether it is fit to verify at all; false for any other key
     */
    record Key(JWK jwk, PublicKey publicKey, boolean rsaFit) {
    }

    private final JWKSet source;
    private final List<Key> keys;

    private VerificationKeys(JWKSet source) {
        this.source = source;
        List<Key> prepared = new ArrayList<>();
        for (JWK jwk : source.getKeys()) {
            prepared.add(new Key(jwk, publicKey(jwk), jwk instanceof RSAKey rsa && KeySelector.rsaFit(rsa)));
        }
        this.keys = List.copyOf(prepared);
    }

    /**
     * The prepared form of this very key set instance. Matched by identity, never by equality: a
     * refetched set is a new instance and is prepared afresh, so a prepared key cannot outlive the
     * set it came from, and a set's contents cannot be swapped under a prepared entry.
     */
    static VerificationKeys of(JWKSet keys) {
        synchronized (RECENT) {
            for (VerificationKeys v : RECENT) {
                if (v != null && v.source == keys) {
                    return v;
                }
            }
        }
        VerificationKeys prepared = new VerificationKeys(keys);
        synchronized (RECENT) {
            RECENT[nextSlot] = prepared;
            nextSlot = (nextSlot + 1) % SLOTS;
        }
        return prepared;
    }

    /** The keys this token may be checked against: by {@code kid} when it names one, else all that fit its algorithm. */
    List<Key> candidates(JWSHeader header) {
        String kid = header.getKeyID();
        List<Key> out = new ArrayList<>(2);
        for (Key key : keys) {
            if (kid != null && !kid.equals(key.jwk().getKeyID())) {
                continue;
            }
            if (KeySelector.fits(key.jwk(), key.rsaFit(), header.getAlgorithm())) {
                out.add(key);
            }
        }
        return out;
    }

    private static PublicKey publicKey(JWK key) {
        try {
            return ((AsymmetricJWK) key).toPublicKey();
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
    }
}
