package dev.labauth.local.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of an Auth0 access token, built the way Auth0 builds them: {@code iss} with its
 * trailing slash, {@code aud} a string (or an array with the userinfo URL), {@code azp}, and for
 * machine-to-machine tokens {@code gty: client-credentials} and {@code sub = CLIENT_ID@clients}.
 */
public final class AccessTokenClaims {
    /** Auth0's default access-token lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final Map<String, Object> claims = new LinkedHashMap<>();

    private AccessTokenClaims(String issuer, String subject, String clientId, Instant issuedAt) {
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("azp", clientId);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(DEFAULT_LIFETIME).getEpochSecond());
    }

    public static AccessTokenClaims forClient(String issuer, String clientId, Instant issuedAt) {
        AccessTokenClaims c = new AccessTokenClaims(issuer, clientId + "@clients", clientId, issuedAt);
        c.claims.put("gty", "client-credentials");
        return c;
    }

    public static AccessTokenClaims forUser(String issuer, String userId, String clientId, Instant issuedAt) {
        return new AccessTokenClaims(issuer, userId, clientId, issuedAt);
    }

    public AccessTokenClaims audience(String audience) {
        claims.put("aud", audience);
        return this;
    }

    public AccessTokenClaims audiences(List<String> audiences) {
        claims.put("aud", new ArrayList<>(audiences));
        return this;
    }

    public AccessTokenClaims scope(String scope) {
        claims.put("scope", scope);
        return this;
    }

    public AccessTokenClaims permissions(List<String> permissions) {
        claims.put("permissions", new ArrayList<>(permissions));
        return this;
    }

    public AccessTokenClaims expiresAt(Instant exp) {
        claims.put("exp", exp.getEpochSecond());
        return this;
    }

    public AccessTokenClaims claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(claims);
    }
}
