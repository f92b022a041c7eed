package dev.labauth.local.issuer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /oauth/token} without the HTTP: the client-credentials grant and the dev password
 * grant (plain and Auth0's password-realm), answered as Auth0 answers them, errors included.
 */
final class TokenGrants {
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String PASSWORD = "password";
    static final String PASSWORD_REALM = "http://auth0.com/oauth/grant-type/password-realm";
    /** What Auth0 says to every failed password login, whichever of username or password was wrong. */
    static final String WRONG_LOGIN = "Wrong email or password.";

    /** The outcome of one token request: the JSON body of a 200, or an OAuth error. */
    sealed interface Answer {
        record Issued(Map<String, Object> body) implements Answer {
        }

        record Refused(int status, String error, String description) implements Answer {
        }
    }

    private final DevTenant tenant;
    private final String issuer;
    private final Clock clock;
    private final Supplier<DevSigningKey> signingKey;
    private final OpaqueTokens opaqueTokens;

    TokenGrants(DevTenant tenant, String issuer, Clock clock, Supplier<DevSigningKey> signingKey, OpaqueTokens opaqueTokens) {
        this.tenant = tenant;
        this.issuer = issuer;
        this.clock = clock;
        this.signingKey = signingKey;
        this.opaqueTokens = opaqueTokens;
    }

    Answer exchange(Map<String, String> params) {
        String grantType = params.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return new Answer.Refused(400, "invalid_request", "Missing required parameter: grant_type");
        }
        if (!grantType.equals(CLIENT_CREDENTIALS) && !grantType.equals(PASSWORD) && !grantType.equals(PASSWORD_REALM)) {
            return new Answer.Refused(400, "unsupported_grant_type", "Unsupported grant type: " + grantType
                    + " (the dev issuer serves client_credentials, password and password-realm)");
        }
        DevTenant.Client client = tenant.client(params.get("client_id")).orElse(null);
        if (client == null || !authenticated(client, params.get("client_secret"))) {
            return new Answer.Refused(401, "access_denied", "Unauthorized");
        }
        return grantType.equals(CLIENT_CREDENTIALS) ? clientCredentials(client, params) : password(client, grantType, params);
    }

    private Answer clientCredentials(DevTenant.Client client, Map<String, String> params) {
        if (!client.grantTypes().contains(CLIENT_CREDENTIALS)) {
            return notAllowed(client, CLIENT_CREDENTIALS);
        }
        String audience = params.get("audience");
        Instant now = clock.instant();
        if (audience == null || audience.isBlank()) {
            // The dev issuer then answers as for a user without an audience: a token that is not a JWT.
            return issued(opaqueTokens.issueUnremembered(), List.of(), AccessTokenClaims.DEFAULT_LIFETIME.getSeconds());
        }
        DevTenant.Api api = tenant.api(audience).orElse(null);
        if (api == null) {
            return serviceNotFound(audience);
        }
        List<String> granted = client.grantFor(audience).orElse(null);
        if (granted == null) {
            return new Answer.Refused(403, "access_denied", "Client " + client.clientId()
                    + " has no client grant for " + audience);
        }
        List<String> scopes = params.containsKey("scope") ? intersect(requested(params), Set.copyOf(granted)) : granted;
        AccessTokenClaims claims = AccessTokenClaims.forClient(issuer, client.clientId(), now)
                .audience(audience).expiresAt(now.plus(api.tokenLifetime()));
        if (!scopes.isEmpty()) {
            claims.scope(String.join(" ", scopes));
        }
        return issued(TokenMinter.sign(signingKey.get(), claims.toMap()), scopes, api.tokenLifetime().getSeconds());
    }

    private Answer password(DevTenant.Client client, String grantType, Map<String, String> params) {
        if (!client.devPasswordGrant() && !client.grantTypes().contains(grantType)) {
            return notAllowed(client, grantType);
        }
        if (grantType.equals(PASSWORD_REALM)) {
            String realm = params.get("realm");
            if (realm == null || realm.isEmpty()) {
                return new Answer.Refused(400, "invalid_request", "Missing required parameter: realm");
            }
            if (!realm.equals(tenant.connection())) {
                return new Answer.Refused(400, "invalid_request", "No connection named " + realm
                        + " (the dev users are in " + tenant.connection() + ")");
            }
        }
        for (String required : List.of("username", "password")) {
            if (params.get(required) == null || params.get(required).isEmpty()) {
                return new Answer.Refused(400, "invalid_request", "Missing required parameter: " + required);
            }
        }
        DevTenant.User user = tenant.user(params.get("username")).orElse(null);
        if (user == null || !equalSecrets(user.password(), params.get("password"))) {
            return new Answer.Refused(403, "invalid_grant", WRONG_LOGIN);
        }
        Instant now = clock.instant();
        String audience = params.get("audience");
        if (audience == null || audience.isBlank()) {
            // Auth0 gives a token for /userinfo only, and it is not a JWT.
            List<String> scopes = intersect(requested(params), DevTenant.OIDC_SCOPES);
            return issued(opaqueTokens.issueForUser(user, scopes, now), scopes, AccessTokenClaims.DEFAULT_LIFETIME.getSeconds());
        }
        DevTenant.Api api = tenant.api(audience).orElse(null);
        if (api == null) {
            return serviceNotFound(audience);
        }
        List<String> permissions = tenant.permissions(user, api);
        Set<String> allowed = new LinkedHashSet<>(DevTenant.OIDC_SCOPES);
        allowed.addAll(api.rbac() ? permissions : api.scopes());
        List<String> scopes = intersect(requested(params), allowed);
        AccessTokenClaims claims = AccessTokenClaims.forUser(issuer, user.userId(), client.clientId(), now)
                .expiresAt(now.plus(api.tokenLifetime()));
        if (scopes.contains("openid")) {
            claims.audiences(List.of(audience, issuer + "userinfo"));
        } else {
            claims.audience(audience);
        }
        if (!scopes.isEmpty()) {
            claims.scope(String.join(" ", scopes));
        }
        claims.claim("gty", PASSWORD);
        if (api.permissionsInToken()) {
            claims.permissions(permissions);
        }
        // What the tenant's post-login Action adds: every role of the user, under a namespaced claim.
        claims.claim(DevTenant.ROLES_CLAIM, new ArrayList<>(user.roles()));
        return issued(TokenMinter.sign(signingKey.get(), claims.toMap()), scopes, api.tokenLifetime().getSeconds());
    }

    private static Answer issued(String accessToken, List<String> scopes, long expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        if (!scopes.isEmpty()) {
            body.put("scope", String.join(" ", scopes));
        }
        body.put("expires_in", expiresIn);
        body.put("token_type", "Bearer");
        return new Answer.Issued(body);
    }

    private static Answer notAllowed(DevTenant.Client client, String grantType) {
        return new Answer.Refused(403, "unauthorized_client",
                "Grant type '" + grantType + "' is not allowed for client " + client.clientId());
    }

    private static Answer serviceNotFound(String audience) {
        return new Answer.Refused(403, "access_denied", "Service not found: " + audience);
    }

    /** A public client sends no secret; a confidential one must send its own. */
    private static boolean authenticated(DevTenant.Client client, String secret) {
        return client.isPublic() || equalSecrets(client.clientSecret(), secret);
    }

    /** The requested scopes, in the order asked, each once. */
    private static List<String> requested(Map<String, String> params) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : params.getOrDefault("scope", "").split(" ")) {
            if (!s.isBlank()) {
                scopes.add(s.trim());
            }
        }
        return List.copyOf(scopes);
    }

    private static List<String> intersect(List<String> requested, Set<String> allowed) {
        return requested.stream().filter(allowed::contains).toList();
    }

    private static boolean equalSecrets(String expected, String given) {
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
