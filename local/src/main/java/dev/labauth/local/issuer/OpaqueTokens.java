package dev.labauth.local.issuer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The non-JWT access tokens Auth0 hands out when no audience is asked for. A user's one is good for
 * {@code /userinfo} only, so the issuer remembers it (the most recent ones, for a day); a client's
 * one is good for nothing and is not remembered.
 */
final class OpaqueTokens {
    /** Enough for any manual session; the oldest are forgotten first. */
    static final int MAX_REMEMBERED = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Grant(DevTenant.User user, List<String> scopes, Instant expiresAt) {
    }

    private final Map<String, Grant> grants = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Grant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** A token no endpoint accepts: what a client gets for asking without an audience. */
    String issueUnremembered() {
        return newToken();
    }

    synchronized String issueForUser(DevTenant.User user, List<String> scopes, Instant now) {
        String token = newToken();
        grants.put(token, new Grant(user, List.copyOf(scopes), now.plus(AccessTokenClaims.DEFAULT_LIFETIME)));
        return token;
    }

    synchronized Optional<Grant> find(String token, Instant now) {
        Grant grant = grants.get(token);
        return grant == null || !now.isBefore(grant.expiresAt()) ? Optional.empty() : Optional.of(grant);
    }

    /** 32 characters, as long as Auth0's opaque tokens. */
    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
