package dev.labauth.core.keys;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;

/**
 * Where an issuer's public keys come from. Implementations cache as they see fit; the verifier only
 * asks for the current set and, when a token names a key the set lacks, for a fresher one.
 */
public interface KeySource {

    /** The key set to verify with now. */
    KeySnapshot current(Instant now);

    /**
     * A key set newer than {@code seen}, fetched at most as often as the source's rate limit allows;
     * when a fetch is not allowed yet, the set already held.
     */
    KeySnapshot refreshedSince(JWKSet seen, Instant now);

    /** The result of asking for keys. */
    sealed interface KeySnapshot {
        record Available(JWKSet keys) implements KeySnapshot {
        }

        /** No usable key set: the endpoint failed and nothing cached may stand in for it. */
        record Unavailable(String detail) implements KeySnapshot {
        }
    }
}
