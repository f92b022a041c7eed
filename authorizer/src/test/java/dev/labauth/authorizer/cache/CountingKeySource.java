package dev.labauth.authorizer.cache;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.core.keys.KeySource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key source that counts how often the verifier asks it for keys: once per token that reaches the
 * signature check, never for a token answered from the verified-token cache. Its keys can be taken
 * away, as in an outage.
 */
final class CountingKeySource implements KeySource {
    private final KeySnapshot keys;
    private final AtomicInteger consulted = new AtomicInteger();
    private volatile boolean down;

    CountingKeySource(JWKSet keys) {
        this.keys = new KeySnapshot.Available(keys.toPublicJWKSet());
    }

    int consulted() {
        return consulted.get();
    }

    void down(boolean down) {
        this.down = down;
    }

    @Override
    public KeySnapshot current(Instant now) {
        consulted.incrementAndGet();
        return down ? new KeySnapshot.Unavailable("key set endpoint down (test)") : keys;
    }

    @Override
    public KeySnapshot refreshedSince(JWKSet seen, Instant now) {
        return down ? new KeySnapshot.Unavailable("key set endpoint down (test)") : keys;
    }
}
