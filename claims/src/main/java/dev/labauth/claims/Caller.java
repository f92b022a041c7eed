package dev.labauth.claims;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The caller of a lab function, as the authorizer described it, typed again after API Gateway
 * turned every value into a string.
 *
 * @param subject       {@code sub} ({@code principalId} on a REST event whose context lacks {@code sub})
 * <p>The three sets iterate in sorted order and, like {@code claims}, cannot be changed.
 *
 * @param scopes        {@code scope}, split on spaces
 * @param permissions   {@code permissions} (Auth0 RBAC)
 * @param roles         {@code roles}
 * @param clientId      the OAuth client that asked for the token
 * @param grantType     Auth0's {@code gty}; {@code client-credentials} for machine-to-machine callers
 * @param orgId         Auth0 Organizations' {@code org_id}
 * @param email         {@code email} where the token carries it
 * @param emailVerified {@code email_verified}, present only when it reads as a boolean
 * @param claims        every value the authorizer passed, typed: {@code "true"}/{@code "false"} as
 *                      {@link Boolean}, integers as {@link Long}, decimals as {@link Double}; the
 *                      identifiers above stay strings whatever they look like
 */
public record Caller(
        String subject,
        Set<String> scopes,
        Set<String> permissions,
        Set<String> roles,
        Optional<String> clientId,
        Optional<String> grantType,
        Optional<String> orgId,
        Optional<String> email,
        Optional<Boolean> emailVerified,
        Map<String, Object> claims) {

    /** Auth0's {@code gty} for the client-credentials grant: a machine, not a person. */
    public static final String MACHINE_GRANT = "client-credentials";

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a caller needs a subject");
        }
        // Sorted (iteration in natural order), so that what a function prints about the caller is the same for the same token.
        scopes = sorted(scopes);
        permissions = sorted(permissions);
        roles = sorted(roles);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailVerified, "emailVerified");
        claims = Collections.unmodifiableMap(new TreeMap<>(claims));
    }

    /** True for a machine-to-machine token (Auth0 client-credentials grant). */
    public boolean isMachine() {
        return grantType.filter(MACHINE_GRANT::equals).isPresent();
    }

    /**
     * True if the token granted {@code scopeOrPermission} as a scope or as an RBAC permission. The
     * match is exact: {@code create:experiments-admin} does not grant {@code create:experiments}
     * (field case C-18).
     */
    public boolean has(String scopeOrPermission) {
        return scopes.contains(scopeOrPermission) || permissions.contains(scopeOrPermission);
    }

    /** True if the caller holds {@code role} exactly. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    private static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
