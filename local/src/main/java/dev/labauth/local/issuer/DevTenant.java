package dev.labauth.local.issuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the dev issuer knows, read from the tenant files (see {@link TenantFiles}): the APIs (an
 * API's identifier is the audience), the roles and their permissions, the clients with their grant
 * types and client grants, and the local users of the database connection.
 *
 * <p>A client's id is its name: Auth0 would assign a random id on deploy, and the tenant file names
 * clients (and refers to them in client grants) by name.
 *
 * @param apis the resource servers, in file order; the first is the lab API ({@link #audience()})
 * @param connection the database connection the users belong to (the password-realm grant's realm)
 */
public record DevTenant(List<Api> apis, Map<String, Role> roles, Map<String, Client> clients,
        Map<String, User> users, String connection) {

    /** The lab API's identifier in the bundled tenant: the audience of its access tokens. */
    public static final String DEFAULT_AUDIENCE = "https://api.lab.local";

    /**
     * The namespaced claim the tenant's post-login Action writes a user's roles into. It must equal
     * core's {@code VerifierSettings.DEFAULT_ROLES_CLAIM} (the authorizers' default
     * {@code AUTH0_ROLES_CLAIM}); local does not depend on core, so a test checks that they agree.
     */
    public static final String ROLES_CLAIM = "https://labauth.dev/roles";

    /** The OpenID Connect scopes a user may ask for besides the API's permissions. */
    public static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "email", "offline_access");

    /**
     * @param scopes the API's scopes, in file order
     * @param rbac {@code enforce_policies}: a user's scopes are cut down to their roles' permissions
     * @param tokenDialect {@code access_token} or {@code access_token_authz} (with a {@code permissions} claim)
     */
    public record Api(String identifier, String name, List<String> scopes, boolean rbac, String tokenDialect,
            Duration tokenLifetime) {
        public static final String DIALECT_PLAIN = "access_token";
        public static final String DIALECT_AUTHZ = "access_token_authz";

        public Api {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(name, "name");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(tokenDialect, "tokenDialect");
            Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        }

        /** Auth0 adds the {@code permissions} claim only with RBAC on and the {@code _authz} dialect. */
        public boolean permissionsInToken() {
            return rbac && DIALECT_AUTHZ.equals(tokenDialect);
        }
    }

    /** @param permissions per API identifier, the permissions (scopes) the role grants */
    public record Role(String name, Map<String, List<String>> permissions) {
        public Role {
            Objects.requireNonNull(name, "name");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            permissions.forEach((api, names) -> copy.put(api, List.copyOf(names)));
            permissions = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * @param clientSecret the development secret of a confidential client; empty for a public client
     *     ({@code token_endpoint_auth_method: none}), which authenticates with its id alone
     * @param grantTypes the OAuth grant types the tenant file enables for it
     * @param grants its client grants: per API identifier, the scopes granted
     * @param devPasswordGrant the dev issuer lets it use the password grant (dev-users.yaml)
     */
    public record Client(String clientId, String appType, String tokenEndpointAuthMethod, List<String> grantTypes,
            String clientSecret, Map<String, List<String>> grants, boolean devPasswordGrant) {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(appType, "appType");
            Objects.requireNonNull(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
            grantTypes = List.copyOf(grantTypes);
            Objects.requireNonNull(clientSecret, "clientSecret");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            grants.forEach((api, scopes) -> copy.put(api, List.copyOf(scopes)));
            grants = Collections.unmodifiableMap(copy);
        }

        public boolean isPublic() {
            return "none".equals(tokenEndpointAuthMethod);
        }

        /** The scopes of its client grant for that API; empty when it has none. */
        public List<String> grantedScopes(String audience) {
            return grants.getOrDefault(audience, List.of());
        }

        public Optional<List<String>> grantFor(String audience) {
            return Optional.ofNullable(grants.get(audience));
        }
    }

    /**
     * A local person. {@code userId} is Auth0's form for a database user: {@code auth0|} and 24 hex
     * digits, here derived from the username so that it is the same on every run.
     */
    public record User(String username, String userId, String email, String password, List<String> roles) {
        private static final String USER_ID_PREFIX = "auth0|";

        public User {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            roles = List.copyOf(roles);
        }

        /** The stable {@code sub} of a local user: {@code auth0|} + the first 24 hex digits of SHA-256 of the username. */
        public static String userIdFor(String username) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(("labauth-dev-user:" + username).getBytes(StandardCharsets.UTF_8));
                return USER_ID_PREFIX + HexFormat.of().formatHex(digest).substring(0, 24);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }
    }

    public DevTenant {
        apis = List.copyOf(apis);
        if (apis.isEmpty()) {
            throw new IllegalArgumentException("a tenant needs at least one API");
        }
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        Objects.requireNonNull(connection, "connection");
    }

    /** The tenant of the repository's {@code deploy/auth0} files, bundled into this module's jar. */
    public static DevTenant builtIn() {
        return TenantFiles.bundled();
    }

    /** Reads {@code tenant.yaml} and {@code dev-users.yaml} from a directory such as {@code deploy/auth0}. */
    public static DevTenant load(Path directory) throws IOException {
        return TenantFiles.load(directory);
    }

    /** The lab API's identifier: the first API of the tenant file. */
    public String audience() {
        return apis.get(0).identifier();
    }

    public Optional<Api> api(String identifier) {
        return apis.stream().filter(a -> a.identifier().equals(identifier)).findFirst();
    }

    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(clientId).map(clients::get);
    }

    /** A user by username or by email, as Auth0's database connections accept either. */
    public Optional<User> user(String usernameOrEmail) {
        if (usernameOrEmail == null) {
            return Optional.empty();
        }
        User byName = users.get(usernameOrEmail);
        if (byName != null) {
            return Optional.of(byName);
        }
        return users.values().stream().filter(u -> u.email().equalsIgnoreCase(usernameOrEmail)).findFirst();
    }

    /** Every permission the user's roles grant on that API, in the API's scope order. */
    public List<String> permissions(User user, Api api) {
        Set<String> granted = new LinkedHashSet<>();
        for (String roleName : user.roles()) {
            Role role = roles.get(roleName);
            if (role != null) {
                granted.addAll(role.permissions().getOrDefault(api.identifier(), List.of()));
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String scope : api.scopes()) {
            if (granted.contains(scope)) {
                ordered.add(scope);
            }
        }
        return List.copyOf(ordered);
    }

    /** The first client that may use the dev password grant (the SPA in the bundled tenant). */
    public Optional<Client> passwordGrantClient() {
        return clients.values().stream().filter(Client::devPasswordGrant).findFirst();
    }
}
