package dev.labauth.core.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import dev.labauth.core.json.JsonObjects;
import dev.labauth.core.config.JwksSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;

/**
 * An issuer's JWKS endpoint behind Nimbus's own decorators, stacked in Nimbus's documented order
 * (fetch → usable-set check → outage-tolerant → rate-limited → caching). The time of every call is passed in,
 * so tests drive TTLs, rate limits and outages with a clock instead of sleeping.
 *
 * <p>The outage bound is kept here, above the chain: when the outage-tolerant layer stands in with the
 * last good set, the caching layer above it caches that stale set for a fresh TTL, which would let it
 * serve up to one TTL past "TTL + outage tolerance". So the time of the last fetch that succeeded is
 * recorded, and a set older than the bound is never handed out: the chain is made to fetch, and if that
 * fails too, the answer is {@code jwks_unavailable}.
 */
public final class RemoteKeySource implements KeySource {
    private static final long NEVER = Long.MIN_VALUE;

    private final URI uri;
    private final JWKSetSource<SecurityContext> source;
    /** How long after the last successful fetch its keys may still be used: the TTL plus the outage tolerance. */
    private final long staleBoundMs;
    /** Handed out last; stands in when a TTL refresh collides with an exhausted refetch allowance. */
    private volatile JWKSet lastGood;
    /** When (on the caller's clock) the endpoint last answered with a usable key set. */
    private volatile long lastFetchedAt = NEVER;

    public RemoteKeySource(URI jwksUri, JwksSettings settings) {
        this.uri = jwksUri;
        int timeoutMs = Math.toIntExact(settings.timeout().toMillis());
        URL url;
        try {
            url = jwksUri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUri, e);
        }
        long ttl = settings.cacheTtl().toMillis();
        this.staleBoundMs = ttl + settings.outageTolerance().toMillis();
        JWKSetSource<SecurityContext> chain =
                new URLBasedJWKSetSource<>(url, new NoRedirectRetriever(timeoutMs, settings.maxBytes()));
        chain = new UsableKeySet(chain, settings.maxKeys());
        chain = new FetchRecorder(chain);
        if (!settings.outageTolerance().isZero()) {
            // Nimbus counts outage tolerance from the last good fetch, so add the TTL it outlives.
            chain = new OutageTolerantJWKSetSource<>(chain, ttl + settings.outageTolerance().toMillis(), null);
        }
        chain = new RateLimitedJWKSetSource<>(chain, settings.refetchInterval().toMillis(), null);
        this.source = new CachingJWKSetSource<>(chain, ttl, timeoutMs + 1_000L, null);
    }

    public URI uri() {
        return uri;
    }

    @Override
    public KeySnapshot current(Instant now) {
        return fetch(JWKSetCacheRefreshEvaluator.noRefresh(), now, lastGood);
    }

    @Override
    public KeySnapshot refreshedSince(JWKSet seen, Instant now) {
        return fetch(JWKSetCacheRefreshEvaluator.referenceComparison(seen), now, seen);
    }

    private KeySnapshot fetch(JWKSetCacheRefreshEvaluator evaluator, Instant now, JWKSet fallbackWhenThrottled) {
        long t = now.toEpochMilli();
        try {
            JWKSet keys = source.getJWKSet(evaluator, t, null);
            if (pastOutageBound(t)) {
                // The caching layer still holds a set the outage layer served stale: only a fresh fetch will do.
                keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), t, null);
            }
            lastGood = keys;
            return new KeySnapshot.Available(keys);
        } catch (RateLimitReachedException e) {
            if (fallbackWhenThrottled != null && !pastOutageBound(t)) {
                return new KeySnapshot.Available(fallbackWhenThrottled);
            }
            return new KeySnapshot.Unavailable("JWKS " + uri + ": refetch rate limit reached and no usable key set held");
        } catch (KeySourceException e) {
            return new KeySnapshot.Unavailable("JWKS " + uri + ": " + e.getMessage());
        }
    }

    /** True once the last successful fetch is older than the cache TTL plus the outage tolerance. */
    private boolean pastOutageBound(long t) {
        long fetchedAt = lastFetchedAt;
        return fetchedAt == NEVER || t - fetchedAt >= staleBoundMs;
    }

    /** Notes when the endpoint last gave a usable key set, on the caller's clock. */
    private final class FetchRecorder extends JWKSetSourceWrapper<SecurityContext> {
        FetchRecorder(JWKSetSource<SecurityContext> source) {
            super(source);
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            JWKSet keys = getSource().getJWKSet(evaluator, currentTime, context);
            lastFetchedAt = currentTime;
            return keys;
        }
    }

    /**
     * A fetched key set is used only if it is one: at most the configured number of keys (no issuer needs
     * thousands, and every token would scan them) and at least one key that yields a public key (an empty
     * list or a list of broken keys is an endpoint answering garbage, not an issuer revoking everything).
     * Otherwise the fetch has failed, so the outage layer keeps the previous set.
     */
    private static final class UsableKeySet extends JWKSetSourceWrapper<SecurityContext> {
        private final int maxKeys;

        UsableKeySet(JWKSetSource<SecurityContext> source, int maxKeys) {
            super(source);
            this.maxKeys = maxKeys;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            JWKSet keys = getSource().getJWKSet(evaluator, currentTime, context);
            if (keys.size() > maxKeys) {
                throw new JWKSetParseException("key set holds " + keys.size() + " keys; the limit is " + maxKeys, null);
            }
            if (keys.getKeys().stream().noneMatch(UsableKeySet::yieldsPublicKey)) {
                throw new JWKSetParseException("key set holds no usable public key", null);
            }
            return keys;
        }

        private static boolean yieldsPublicKey(JWK key) {
            try {
                return key instanceof AsymmetricJWK asymmetric && asymmetric.toPublicKey() != null;
            } catch (JOSEException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Nimbus's retriever with its timeouts and size limit, refusing redirects: keys come from the URL we trust. */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {
        NoRedirectRetriever(int timeoutMs, int maxBytes) {
            // Nimbus's bounded stream fails on the read that reaches its limit, so a limit of N admits N - 1
            // bytes; one more makes AUTH0_JWKS_MAX_BYTES the largest document accepted, as documented.
            super(timeoutMs, timeoutMs, maxBytes + 1);
        }

        /** A key set must be a JSON object; Nimbus's parser would also take an array of [name, value] pairs. */
        @Override
        public Resource retrieveResource(URL url) throws IOException {
            Resource resource = super.retrieveResource(url);
            if (!JsonObjects.isObjectText(resource.getContent())) {
                throw new IOException("the key set document is not a JSON object");
            }
            return resource;
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }
}
