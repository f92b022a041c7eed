package dev.labauth.core.verify;

import com.nimbusds.jose.JWSHeader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few JWS headers parsed, by their base64url text. An issuer signs every token with the
 * same few headers ({@code alg}, {@code typ}, the {@code kid} of its current key), so nearly every
 * token's header is one parsed already. A header is immutable and the same text always parses to the
 * same header, so reuse changes nothing but the cost. Only headers that parsed and passed the depth
 * bound are kept, and the map is bounded: random headers only churn it. One per verifier, since the
 * depth bound is a setting.
 */
final class RecentHeaders {
    static final int MAX_ENTRIES = 16;

    private final Map<String, JWSHeader> headers = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JWSHeader> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    JWSHeader get(String base64url) {
        synchronized (headers) {
            return headers.get(base64url);
        }
    }

    void put(String base64url, JWSHeader header) {
        synchronized (headers) {
            headers.put(base64url, header);
        }
    }
}
