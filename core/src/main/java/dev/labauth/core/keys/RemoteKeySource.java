package dev.labauth.core.keys;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.labauth.core.config.JwksSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;

/**
 * An issuer's JWKS endpoint behind Nimbus's own decorators, stacked in Nimbus's documented order
 * (fetch → outage-tolerant → rate-limited → caching). The time of every call is passed in, so tests
 * drive TTLs, rate limits and outages with a clock instead of sleeping.
 */
public final class RemoteKeySource implements KeySource {
    private final URI uri;
    private final JWKSetSource<SecurityContext> source;
    /** Handed out last; stands in when a TTL refresh collides with an exhausted refetch allowance. */
    private volatile JWKSet lastGood;

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
        JWKSetSource<SecurityContext> chain =
                new URLBasedJWKSetSource<>(url, new NoRedirectRetriever(timeoutMs, settings.maxBytes()));
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
        try {
            JWKSet keys = source.getJWKSet(evaluator, now.toEpochMilli(), null);
            lastGood = keys;
            return new KeySnapshot.Available(keys);
        } catch (RateLimitReachedException e) {
            if (fallbackWhenThrottled != null) {
                return new KeySnapshot.Available(fallbackWhenThrottled);
            }
            return new KeySnapshot.Unavailable("JWKS " + uri + ": refetch rate limit reached and no key set held");
        } catch (KeySourceException e) {
            return new KeySnapshot.Unavailable("JWKS " + uri + ": " + e.getMessage());
        }
    }

    /** Nimbus's retriever with its timeouts and size limit, refusing redirects: keys come from the URL we trust. */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {
        NoRedirectRetriever(int timeoutMs, int maxBytes) {
            super(timeoutMs, timeoutMs, maxBytes);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }
}
