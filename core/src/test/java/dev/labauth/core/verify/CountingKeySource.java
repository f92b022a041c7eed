package dev.labauth.core.verify;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.core.keys.KeySource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a key source and counts how often the verifier consults it. */
final class CountingKeySource implements KeySource {
    private final KeySource delegate;
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger refreshed = new AtomicInteger();

    CountingKeySource(KeySource delegate) {
        this.delegate = delegate;
    }

    @Override
    public KeySnapshot current(Instant now) {
        current.incrementAndGet();
        return delegate.current(now);
    }

    @Override
    public KeySnapshot refreshedSince(JWKSet seen, Instant now) {
        refreshed.incrementAndGet();
        return delegate.refreshedSince(seen, now);
    }
}
