package dev.labauth.benchmarks;

import dev.labauth.local.issuer.AccessTokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's caller: the claims of a realistic Auth0 access token for a member of the lab, and
 * the route every benchmarked request asks for.
 *
 * <p>{@code aud} is an array (the API and the userinfo URL, as Auth0 issues it when {@code openid}
 * is asked for), {@code scope} mixes OIDC and API scopes, 12 RBAC permissions, roles in the namespaced
 * claim an Auth0 Action writes, an organisation. About 1 KB once signed with RS256.
 *
 * <p>The route is {@value #METHOD} {@value #PATH}: the bundled {@code deploy/access-rules.yaml}
 * requires {@code scope: read:experiments} there (held through {@code scope} or {@code permissions}),
 * which this token holds in both, so every benchmarked decision is an Allow. The benchmarks check that
 * at set-up and refuse to run otherwise.
 */
public final class Auth0Token {
    public static final String AUDIENCE = "https://api.lab.example";
    public static final String ROLES_CLAIM = "https://labauth.dev/roles";
    /** The route every benchmarked request asks for. */
    public static final String METHOD = "GET";
    public static final String PATH = "/experiments";
    public static final String SUBJECT = "auth0|64f1c2a9e8b7d6c5b4a39281";
    public static final List<String> PERMISSIONS = List.of(
            "read:experiments", "create:experiments", "update:experiments", "delete:experiments",
            "read:samples", "create:samples", "update:samples", "read:instruments",
            "book:instruments", "read:reports", "export:reports", "read:members");

    private Auth0Token() {
    }

    public static Map<String, Object> claims(String issuer, Instant issuedAt) {
        return AccessTokenClaims.forUser(issuer, SUBJECT, "Xk2pQ9vLmN4rT7wY1zA3bC5dE6fG8hJ0", issuedAt)
                .audiences(List.of(AUDIENCE, issuer + "userinfo"))
                .scope("openid profile email read:experiments create:experiments read:samples read:reports")
                .permissions(PERMISSIONS)
                .claim(ROLES_CLAIM, List.of("lab-researcher", "instrument-booker"))
                .claim("org_id", "org_9dK3mP2qR7sT1uV4")
                .expiresAt(issuedAt.plus(Duration.ofHours(24)))
                .toMap();
    }
}
