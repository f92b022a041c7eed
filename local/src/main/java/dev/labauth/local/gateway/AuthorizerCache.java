package dev.labauth.local.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's authorizer result cache: one answer per identity source value (the token), kept for
 * the authorizer's TTL and evaluated afresh against each request's method ARN. Errors are not cached.
 */
final class AuthorizerCache {
    private record Entry(AuthorizerAnswer answer, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    AuthorizerCache(Clock clock) {
        this.clock = clock;
    }

    AuthorizerAnswer get(String authorizer, String identity) {
        Entry e = entries.get(authorizer + "\n" + identity);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(authorizer + "\n" + identity, e);
            return null;
        }
        return e.answer();
    }

    void put(String authorizer, String identity, AuthorizerAnswer answer, int ttlSeconds) {
        if (ttlSeconds > 0) {
            entries.put(authorizer + "\n" + identity, new Entry(answer, clock.instant().plusSeconds(ttlSeconds)));
        }
    }

    void clear() {
        entries.clear();
    }
}
