package dev.labauth.claims;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the caller from the proxy event a function receives. Three shapes carry one:
 * <ul>
 *   <li>REST API (payload 1.0): {@code requestContext.authorizer} is the Lambda authorizer's
 *       context, flat, every value stringified by API Gateway, plus {@code principalId} (an HTTP
 *       API's payload 1.0 event, if it nests that context under {@code lambda}, is read too);</li>
 *   <li>HTTP API (payload 2.0) with a Lambda authorizer: {@code requestContext.authorizer.lambda},
 *       the context as the authorizer returned it;</li>
 *   <li>the HTTP API's built-in JWT authorizer: {@code requestContext.authorizer.jwt.claims}, every
 *       claim a string and arrays as {@code "[a b]"}, and {@code jwt.scopes} (also found as
 *       {@code authorizer.claims} and {@code authorizer.scopes} in a payload 1.0 event).</li>
 * </ul>
 * Anything else (no authorizer block, IAM, a context without a subject) is {@link
 * CallerResult.Unauthenticated}, never an exception (field case C-17).
 */
public final class Callers {
    /** Where an Auth0 Action puts roles in the access token when the JWT authorizer passes claims. */
    public static final String DEFAULT_ROLES_CLAIM = "https://labauth.dev/roles";

    // The authorizer context's named keys (DESIGN.md); identifiers among them are never typed.
    static final String SUB = "sub";
    static final String PRINCIPAL_ID = "principalId";
    static final String SCOPE = "scope";
    static final String PERMISSIONS = "permissions";
    static final String ROLES = "roles";
    static final String CLIENT_ID = "clientId";
    static final String GRANT_TYPE = "grantType";
    static final String ORG_ID = "orgId";
    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    private static final Set<String> CONTEXT_TEXT_KEYS =
            Set.of(SUB, PRINCIPAL_ID, SCOPE, PERMISSIONS, ROLES, CLIENT_ID, GRANT_TYPE, ORG_ID, EMAIL);
    // The same identifiers under their JWT claim names, for the JWT authorizer's claims.
    private static final Set<String> JWT_TEXT_CLAIMS =
            Set.of("sub", "scope", "azp", "client_id", "gty", "org_id", "email", "jti", "iss");

    private Callers() {
    }

    /** The caller of a REST API proxy request (payload 1.0). */
    public static CallerResult of(APIGatewayProxyRequestEvent event) {
        return of(event, DEFAULT_ROLES_CLAIM);
    }

    /** As {@link #of(APIGatewayProxyRequestEvent)}, naming the roles claim a JWT authorizer passes on. */
    public static CallerResult of(APIGatewayProxyRequestEvent event, String rolesClaim) {
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        if (event == null || event.getRequestContext() == null) {
            return noAuthorizer();
        }
        Map<String, Object> authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer == null || authorizer.isEmpty()) {
            return noAuthorizer();
        }
        // A JWT or Cognito authorizer nests the token's claims; a REST API's Lambda authorizer
        // context is flat; an HTTP API sending payload 1.0 may nest its Lambda authorizer's context
        // under "lambda" as in 2.0.
        if (authorizer.get("claims") instanceof Map<?, ?> claims) {
            return fromJwtClaims(claims, authorizer.get("scopes"), rolesClaim);
        }
        if (authorizer.get("lambda") instanceof Map<?, ?> lambda) {
            return fromContext(stringKeys(lambda));
        }
        return fromContext(authorizer);
    }

    /** The caller of an HTTP API proxy request (payload 2.0). */
    public static CallerResult of(APIGatewayV2HTTPEvent event) {
        return of(event, DEFAULT_ROLES_CLAIM);
    }

    /** As {@link #of(APIGatewayV2HTTPEvent)}, naming the roles claim the JWT authorizer passes on. */
    public static CallerResult of(APIGatewayV2HTTPEvent event, String rolesClaim) {
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return noAuthorizer();
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer.getLambda() != null) {
            return fromContext(authorizer.getLambda());
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            return fromJwtClaims(authorizer.getJwt().getClaims(), authorizer.getJwt().getScopes(), rolesClaim);
        }
        if (authorizer.getIam() != null) {
            return new CallerResult.Unauthenticated(
                    "the request was signed with AWS credentials (IAM authorizer), not sent with an access token");
        }
        return noAuthorizer();
    }

    /** The Lambda authorizer's context: DESIGN.md's named keys, sets space-separated. */
    private static CallerResult fromContext(Map<String, Object> context) {
        Optional<String> subject = ClaimValues.text(context.get(SUB)).or(() -> ClaimValues.text(context.get(PRINCIPAL_ID)));
        if (subject.isEmpty()) {
            return new CallerResult.Unauthenticated("the authorizer context names no subject (sub or principalId)");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        context.forEach((name, raw) -> {
            Optional<Object> value = CONTEXT_TEXT_KEYS.contains(name)
                    ? ClaimValues.text(raw).map(Object.class::cast)
                    : ClaimValues.typed(raw);
            value.ifPresent(v -> claims.put(name, v));
        });
        return new CallerResult.Authenticated(new Caller(
                subject.get(),
                ClaimValues.set(context.get(SCOPE)),
                ClaimValues.set(context.get(PERMISSIONS)),
                ClaimValues.set(context.get(ROLES)),
                ClaimValues.text(context.get(CLIENT_ID)),
                ClaimValues.text(context.get(GRANT_TYPE)),
                ClaimValues.text(context.get(ORG_ID)),
                ClaimValues.text(context.get(EMAIL)),
                ClaimValues.bool(context.get(EMAIL_VERIFIED)),
                claims));
    }

    /** The JWT authorizer's claims: the token's own claim names, every value a string. */
    private static CallerResult fromJwtClaims(Map<?, ?> rawClaims, Object scopeList, String rolesClaim) {
        Map<String, String> strings = new LinkedHashMap<>();
        rawClaims.forEach((name, value) -> {
            if (name != null && value != null) {
                strings.put(String.valueOf(name), String.valueOf(value));
            }
        });
        Optional<String> subject = ClaimValues.text(strings.get("sub"));
        if (subject.isEmpty()) {
            return new CallerResult.Unauthenticated("the JWT authorizer's claims carry no sub");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        strings.forEach((name, raw) -> {
            Optional<Object> value = JWT_TEXT_CLAIMS.contains(name)
                    ? ClaimValues.text(raw).map(Object.class::cast)
                    : ClaimValues.typedJwtClaim(raw);
            value.ifPresent(v -> claims.put(name, v));
        });
        // jwt.scopes repeats the token's scope claim as a list when the route names scopes; take both.
        Set<String> scopes = new LinkedHashSet<>(ClaimValues.jwtSet(strings.get("scope")));
        if (scopeList instanceof List<?> list) {
            scopes.addAll(ClaimValues.set(list));
        }
        String roles = strings.containsKey(rolesClaim) ? strings.get(rolesClaim) : strings.get(ROLES);
        return new CallerResult.Authenticated(new Caller(
                subject.get(),
                scopes,
                ClaimValues.jwtSet(strings.get("permissions")),
                ClaimValues.jwtSet(roles),
                ClaimValues.text(strings.get("azp")).or(() -> ClaimValues.text(strings.get("client_id"))),
                ClaimValues.text(strings.get("gty")),
                ClaimValues.text(strings.get("org_id")),
                ClaimValues.text(strings.get("email")),
                ClaimValues.bool(strings.get(EMAIL_VERIFIED)),
                claims));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null) {
                copy.put(String.valueOf(key), value);
            }
        });
        return copy;
    }

    private static CallerResult noAuthorizer() {
        return new CallerResult.Unauthenticated(
                "the request carries no authorizer block: the route is not behind the authorizer");
    }
}
