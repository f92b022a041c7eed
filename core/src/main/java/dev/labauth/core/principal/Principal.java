package dev.labauth.core.principal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of a verified access token, in Auth0's vocabulary.
 *
 * @param subject     {@code sub}: {@code auth0|…} for users, {@code CLIENT_ID@clients} for machines
 * @param scopes      {@code scope}, split on spaces
 * @param permissions {@code permissions} (Auth0 RBAC)
 * @param roles       the configured namespaced roles claim, as an Auth0 Action adds it
 * @param clientId    {@code azp}, else {@code client_id}
 * @param grantType   {@code gty} ({@code client-credentials} for machine-to-machine tokens)
 * @param orgId       {@code org_id} (Auth0 Organizations)
 * @param email       {@code email} where the token carries it
 * @param tokenId     {@code jti} where present; safe to log, unlike the token
 * @param expiresAt   {@code exp}
 * @param claims      every claim of the token, as parsed JSON values
 */
public record Principal(
        String subject,
        Set<String> scopes,
        Set<String> permissions,
        Set<String> roles,
        Optional<String> clientId,
        Optional<String> grantType,
        Optional<String> orgId,
        Optional<String> email,
        Optional<String> tokenId,
        Instant expiresAt,
        Map<String, Object> claims) {

    /** Auth0's {@code gty} for the client-credentials grant. */
    public static final String MACHINE_GRANT = "client-credentials";

    public Principal {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
        permissions = Set.copyOf(permissions);
        roles = Set.copyOf(roles);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = Map.copyOf(claims);
    }

    /** True for a machine-to-machine token (Auth0 client-credentials grant). */
    public boolean isMachine() {
        return grantType.filter(MACHINE_GRANT::equals).isPresent();
    }
}
