package dev.labauth.authorizer.cache;

import dev.labauth.core.verify.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers which Authorization values verified, so that a token seen again within minutes skips the
 * signature check. It pays when API Gateway's own authorizer cache does not answer: TTL 0, an HTTP API
 * simple response cached per route, or a caller moving between routes faster than API Gateway's cache
 * is keyed.
 *
 * <p>It stands in for token verification and nothing else: what it keeps is the verifier's result (the
 * principal), never a decision. The route's access rules are applied by the caller to whatever this
 * returns, hit or miss. And whatever the clock says, it never:
 * <ul>
 *   <li>holds a token: entries are keyed by {@link CredentialDigest}, the SHA-256 of the whole value;</li>
 *   <li>answers at or past the token's {@code exp} (a hit gets no clock skew; the verifier, with its skew,
 *       decides once the entry is gone), nor past the TTL counted from the verification;</li>
 *   <li>remembers a rejection or a failure (a key set outage must not be remembered against a caller);</li>
 *   <li>grows past its entry count: the least recently used entry goes first.</li>
 * </ul>
 * One cache belongs to one verifier (one set of issuers and audiences): an entry says "verified by
 * that verifier" and means nothing to another.
 */
public final class VerifiedTokenCache {
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    /** Access-ordered, so that iteration order is least recently used first. Guarded by itself. */
    private final LinkedHashMap<CredentialDigest, Entry> entries;

    private record Entry(Verification.Verified verified, Instant honouredUntil) {
    }

    public VerifiedTokenCache(Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive; a gatekeeper without a cache is how it is turned off");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<CredentialDigest, Entry> eldest) {
                return size() > VerifiedTokenCache.this.maxEntries;
            }
        };
    }

    /**
     * The verification of the value whose digest this is: from memory while an entry honours it, else
     * whatever {@code verify} concludes, which is remembered only if it is {@link Verification.Verified}
     * and still within the token's {@code exp}.
     */
    public Verification verified(CredentialDigest digest, Supplier<Verification> verify) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry hit = entries.get(digest);
            if (hit != null) {
                if (now.isBefore(hit.honouredUntil())) {
                    return hit.verified();
                }
                entries.remove(digest);
            }
        }
        Verification verification = verify.get();
        if (verification instanceof Verification.Verified verified) {
            Instant exp = verified.principal().expiresAt();
            Instant ttlEnd = now.plus(ttl);
            Instant until = exp.isBefore(ttlEnd) ? exp : ttlEnd;
            // A token accepted within the clock skew after its exp is answered, but not remembered.
            if (now.isBefore(until)) {
                synchronized (entries) {
                    entries.put(digest, new Entry(verified, until));
                }
            }
        }
        return verification;
    }

    /** How many values are remembered (an entry past its time counts until it is looked up or evicted). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public Duration ttl() {
        return ttl;
    }

    public int maxEntries() {
        return maxEntries;
    }
}
