package dev.labauth.core.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registered claims every token must pass: time ({@code exp} required) and audience (any-of). */
public final class ClaimChecks {
    private ClaimChecks() {
    }

    /** The last second a time claim may name (9999-12-31T23:59:59Z); beyond it the value is not a date. */
    public static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    /**
     * Checks {@code exp} (required), {@code nbf} and {@code iat} as the token's JSON has them. Nimbus
     * turns these into dates by multiplying by 1000 without a bound, so a huge value would wrap
     * round into the past; the raw numbers are bounded here first, and anything else is malformed.
     */
    public static Optional<Verification.Rejected> checkTimes(Map<String, Object> payload, Instant now, Duration skew) {
        Instant exp;
        Instant nbf;
        Instant iat;
        try {
            exp = instant(payload, "exp");
            nbf = instant(payload, "nbf");
            iat = instant(payload, "iat");
        } catch (IllegalArgumentException e) {
            return rejected(Reason.MALFORMED, e.getMessage());
        }
        if (exp == null) {
            return rejected(Reason.MISSING_CLAIM, "token has no exp");
        }
        if (!exp.plus(skew).isAfter(now)) {
            return rejected(Reason.EXPIRED, "expired at " + exp + " (now " + now + ", skew " + skew.getSeconds() + " s)");
        }
        if (nbf != null && nbf.minus(skew).isAfter(now)) {
            return rejected(Reason.NOT_YET_VALID, "not valid before " + nbf);
        }
        if (iat != null && iat.minus(skew).isAfter(now)) {
            return rejected(Reason.NOT_YET_VALID, "issued in the future, at " + iat);
        }
        return Optional.empty();
    }

    /** A NumericDate (RFC 7519 §2): seconds since the epoch, possibly fractional, within year 1970–9999. */
    private static Instant instant(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(name + " is not a number of seconds");
        }
        double seconds = number.doubleValue();
        if (!(seconds >= 0 && seconds <= MAX_EPOCH_SECONDS)) {
            throw new IllegalArgumentException(name + " is out of range for a date (" + Shown.quoted(String.valueOf(number)) + ")");
        }
        return Instant.ofEpochSecond((long) Math.floor(seconds));
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
