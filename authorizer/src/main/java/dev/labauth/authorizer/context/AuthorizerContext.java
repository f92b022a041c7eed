package dev.labauth.authorizer.context;

import dev.labauth.core.principal.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The caller's claims as API Gateway accepts them in an authorizer context: a flat map whose
 * values are strings, numbers or booleans only (anything else makes API Gateway answer 500).
 * Every scalar claim is passed through under its own name; the named keys of DESIGN.md (sets
 * joined by spaces) take precedence; arrays and objects are left out.
 */
public final class AuthorizerContext {
    /**
     * Keys only the authorizer writes: a token claim of the same name never passes through, or a
     * token without {@code gty} but with a {@code grantType} claim could pose as a machine (or the
     * reverse) to the functions, and a {@code reason} claim could rewrite a 403's explanation.
     */
    public static final Set<String> RESERVED = Set.of("sub", "scope", "permissions", "roles", "clientId", "grantType",
            "orgId", "email", "principalId", "reason", "required", "denied");

    /**
     * The last caller's context, by identity: the verified-token cache hands back the very same
     * {@link Principal} for a token seen again, so a repeated token skips rebuilding it. Identity, never
     * equality, decides a hit, so no caller can be given another's context.
     */
    private record Last(Principal principal, Map<String, Object> context) {
    }

    private static volatile Last last;

    private AuthorizerContext() {
    }

    /** A new, modifiable map the caller may add to. */
    public static Map<String, Object> of(Principal principal) {
        Last remembered = last;
        if (remembered != null && remembered.principal() == principal) {
            return new LinkedHashMap<>(remembered.context());
        }
        Map<String, Object> context = build(principal);
        last = new Last(principal, Collections.unmodifiableMap(new LinkedHashMap<>(context)));
        return context;
    }

    private static Map<String, Object> build(Principal principal) {
        Map<String, Object> context = new LinkedHashMap<>();
        principal.claims().forEach((name, value) -> {
            if (RESERVED.contains(name)) {
                return;
            }
            if (value instanceof String || value instanceof Boolean) {
                context.put(name, value);
            } else if (value instanceof Double || value instanceof Float) {
                context.put(name, ((Number) value).doubleValue());
            } else if (value instanceof Number n) {
                // Not one conditional expression: its numeric promotion would turn every long into a double.
                context.put(name, n.longValue());
            }
        });
        context.put("sub", principal.subject());
        context.put("scope", joined(principal.scopes()));
        context.put("permissions", joined(principal.permissions()));
        context.put("roles", joined(principal.roles()));
        principal.clientId().ifPresent(v -> context.put("clientId", v));
        principal.grantType().ifPresent(v -> context.put("grantType", v));
        principal.orgId().ifPresent(v -> context.put("orgId", v));
        principal.email().ifPresent(v -> context.put("email", v));
        return context;
    }

    /** Sorted, so that the same claims always give the same context bytes. */
    private static String joined(Set<String> values) {
        return String.join(" ", new TreeSet<>(values));
    }
}
