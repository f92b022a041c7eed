package dev.labauth.core.principal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.Verification;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the claims of a verified token into a {@link Principal}. A claim of the wrong JSON type
 * rejects the token instead of being skipped: a {@code permissions} string where an array belongs
 * is a token nobody should act on.
 */
public final class PrincipalReader {
    private final String rolesClaim;

    public PrincipalReader(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public Verification read(JWTClaimsSet claims) {
        try {
            String subject = claims.getStringClaim("sub");
            if (subject == null || subject.isBlank()) {
                return Verification.rejected(Reason.MISSING_CLAIM, "token has no sub");
            }
            Map<String, Object> all = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> {
                if (value != null) {
                    all.put(name, value);
                }
            });
            return new Verification.Verified(new Principal(
                    subject,
                    scopes(claims),
                    stringSet(claims, "permissions"),
                    stringSet(claims, rolesClaim),
                    Optional.ofNullable(firstString(claims, "azp", "client_id")),
                    Optional.ofNullable(claims.getStringClaim("gty")),
                    Optional.ofNullable(claims.getStringClaim("org_id")),
                    Optional.ofNullable(claims.getStringClaim("email")),
                    Optional.ofNullable(claims.getJWTID()),
                    claims.getExpirationTime().toInstant(),
                    all));
        } catch (ParseException e) {
            return Verification.rejected(Reason.MALFORMED, "claim of the wrong type: " + e.getMessage());
        }
    }

    /** {@code scope} is a space-separated string (RFC 8693 §4.2); an array is tolerated as well. */
    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            return Set.of();
        }
        if (scope instanceof String s) {
            Set<String> out = new LinkedHashSet<>();
            Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).forEach(out::add);
            return out;
        }
        return stringSet(claims, "scope");
    }

    private static Set<String> stringSet(JWTClaimsSet claims, String name) throws ParseException {
        if (claims.getClaim(name) == null) {
            return Set.of();
        }
        List<String> values = claims.getStringListClaim(name);
        if (values.stream().anyMatch(v -> v == null)) {
            throw new ParseException("the " + name + " claim holds a non-string", 0);
        }
        return new LinkedHashSet<>(values);
    }

    private static String firstString(JWTClaimsSet claims, String... names) throws ParseException {
        for (String name : names) {
            String v = claims.getStringClaim(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
