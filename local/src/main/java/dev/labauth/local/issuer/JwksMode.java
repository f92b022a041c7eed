package dev.labauth.local.issuer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dev issuer's JWKS endpoint answers, so that an outage can be tried by hand or in a test:
 * normally, after a delay, or with 503.
 *
 * @param delay how long a {@code SLOW} answer waits before it is sent; zero otherwise
 */
public record JwksMode(Kind kind, Duration delay) {
    public enum Kind { NORMAL, SLOW, UNAVAILABLE }

    /** The delay of {@code POST /dev/jwks?mode=slow} when none is given: longer than the authorizers' 2 s timeout. */
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofMillis(3_000);
    /** The longest delay accepted, so that a typo cannot hang the issuer's threads for long. */
    public static final Duration MAX_SLOW_DELAY = Duration.ofSeconds(60);

    public JwksMode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_SLOW_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be 0 to " + MAX_SLOW_DELAY.toMillis() + " ms");
        }
        if (kind != Kind.SLOW && !delay.isZero()) {
            throw new IllegalArgumentException("only the slow mode has a delay");
        }
    }

    public static JwksMode normal() {
        return new JwksMode(Kind.NORMAL, Duration.ZERO);
    }

    public static JwksMode slow(Duration delay) {
        return new JwksMode(Kind.SLOW, delay);
    }

    public static JwksMode unavailable() {
        return new JwksMode(Kind.UNAVAILABLE, Duration.ZERO);
    }
}
