package dev.labauth.core.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/** The registered claims every token must pass: time ({@code exp} required) and audience (any-of). */
public final class ClaimChecks {
    private ClaimChecks() {
    }

    public static Optional<Verification.Rejected> checkTimes(JWTClaimsSet claims, Instant now, Duration skew) {
        Date exp;
        Date nbf;
        Date iat;
        try {
            exp = claims.getDateClaim("exp");
            nbf = claims.getDateClaim("nbf");
            iat = claims.getDateClaim("iat");
        } catch (ParseException e) {
            return rejected(Reason.MALFORMED, "exp, nbf or iat is not a number of seconds");
        }
        if (exp == null) {
            return rejected(Reason.MISSING_CLAIM, "token has no exp");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            return rejected(Reason.EXPIRED, "expired at " + exp.toInstant() + " (now " + now + ", skew "
                    + skew.getSeconds() + " s)");
        }
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            return rejected(Reason.NOT_YET_VALID, "not valid before " + nbf.toInstant());
        }
        if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
            return rejected(Reason.NOT_YET_VALID, "issued in the future, at " + iat.toInstant());
        }
        return Optional.empty();
    }

    public static Optional<Verification.Rejected> checkAudience(JWTClaimsSet claims, Set<String> audiences) {
        if (claims.getAudience().stream().anyMatch(audiences::contains)) {
            return Optional.empty();
        }
        return rejected(Reason.WRONG_AUDIENCE, claims.getAudience().isEmpty()
                ? "token has no aud; request the token with your API's audience"
                : "aud " + Shown.quoted(claims.getAudience().toString()) + " names none of the configured audiences");
    }

    private static Optional<Verification.Rejected> rejected(Reason reason, String description) {
        return Optional.of(Verification.rejected(reason, description));
    }
}
