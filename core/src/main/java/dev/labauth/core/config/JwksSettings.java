package dev.labauth.core.config;

import java.time.Duration;

/**
 * How the signing keys are fetched and kept.
 *
 * @param timeout          connect and read timeout of one fetch
 * @param cacheTtl         how long a fetched key set is used before it is fetched again
 * @param refetchInterval  the least time between two fetches caused by unknown {@code kid}s, so that
 *                         random {@code kid}s cannot flood the tenant's JWKS endpoint
 * @param outageTolerance  how long past its TTL the last good key set keeps serving while the
 *                         endpoint is down; after that, {@code jwks_unavailable}
 * @param maxBytes         the largest key set document accepted, in bytes (a document of exactly this
 *                         size is accepted)
 * @param maxKeys          the most keys a key set may hold; a larger set is refused like a failed fetch
 */
public record JwksSettings(
        Duration timeout, Duration cacheTtl, Duration refetchInterval, Duration outageTolerance, int maxBytes,
        int maxKeys) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2_000);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Auth0 publishes the current and the next key, and the previous one until it is revoked. */
    public static final int DEFAULT_MAX_KEYS = 100;

    /** The settings without a key count of their own: {@link #DEFAULT_MAX_KEYS}. */
    public JwksSettings(Duration timeout, Duration cacheTtl, Duration refetchInterval, Duration outageTolerance,
            int maxBytes) {
        this(timeout, cacheTtl, refetchInterval, outageTolerance, maxBytes, DEFAULT_MAX_KEYS);
    }

    public static JwksSettings defaults() {
        return new JwksSettings(DEFAULT_TIMEOUT, DEFAULT_CACHE_TTL, DEFAULT_REFETCH_INTERVAL, DEFAULT_OUTAGE_TOLERANCE,
                DEFAULT_MAX_BYTES, DEFAULT_MAX_KEYS);
    }
}
