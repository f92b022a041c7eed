package dev.labauth.core.principal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.Verification;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
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
            Map<String, Object> parsed = claims.getClaims();
            Map<String, Object> all = new HashMap<>(parsed.size() * 2);
            parsed.forEach((name, value) -> {
                if (value != null) { // a JSON null is no claim
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
            List<String> out = new ArrayList<>();
            int from = 0;
            while (from < s.length()) {
                int space = s.indexOf(' ', from);
                int to = space < 0 ? s.length() : space;
                if (to > from) {
                    out.add(s.substring(from, to));
                }
                from = to + 1;
            }
            return Set.copyOf(out);
        }
        return stringSet(claims, "scope");
    }

    private static Set<String> stringSet(JWTClaimsSet claims, String name) throws ParseException {
        if (claims.getClaim(name) == null) {
            return Set.of();
        }
        List<String> values = claims.getStringListClaim(name);
        for (String value : values) {
            if (value == null) {
                throw new ParseException("the " + name + " claim holds a non-string", 0);
            }
        }
        return Set.copyOf(values); // the principal keeps an immutable set; no intermediate copy
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
