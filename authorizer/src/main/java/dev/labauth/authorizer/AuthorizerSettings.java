package dev.labauth.authorizer;

import static dev.labauth.core.config.EnvironmentValues.value;
import static dev.labauth.core.config.EnvironmentValues.wholeNumber;

import dev.labauth.core.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the environment tells the authorizer itself (the token verifier has
 * {@link dev.labauth.core.config.VerifierSettings}, the rules {@code ACCESS_RULES}): read and checked once
 * at start-up, every mistake reported together.
 *
 * @param tokenCacheTtl     how long a verified token is answered from memory at most (never at or past its
 *                          {@code exp}); zero turns the verified-token cache off
 * @param tokenCacheEntries how many verified tokens are remembered at most; the least recently used go first
 * @param prefetchKeys      whether a Lambda instance starts fetching the key sets during init, on a
 *                          background thread, while the runtime finishes starting
 * @param cryptoProvider    the JDK's own, or the Amazon Corretto Crypto Provider installed first
 */
public record AuthorizerSettings(Duration tokenCacheTtl, int tokenCacheEntries, boolean prefetchKeys,
        CryptoProvider cryptoProvider) {

    public static final String TOKEN_CACHE_SECONDS = "LABAUTH_TOKEN_CACHE_SECONDS";
    public static final String TOKEN_CACHE_ENTRIES = "LABAUTH_TOKEN_CACHE_ENTRIES";
    public static final String PREFETCH_KEYS = "LABAUTH_PREFETCH_KEYS";
    public static final String CRYPTO_PROVIDER = "LABAUTH_CRYPTO_PROVIDER";

    /**
     * API Gateway's default authorizer cache TTL: the verified-token cache honours a token no longer than
     * API Gateway would by default, so a key removed from the key set stops working within the same time.
     */
    public static final Duration DEFAULT_TOKEN_CACHE_TTL = Duration.ofMinutes(5);
    /** API Gateway's own upper bound on an authorizer cache TTL. */
    public static final Duration MAX_TOKEN_CACHE_TTL = Duration.ofHours(1);
    /** About 2.9 MiB of heap, at the ~3 KB per entry benchmarks/run.sh measures (README, Performance). */
    public static final int DEFAULT_TOKEN_CACHE_ENTRIES = 1_000;
    public static final int MAX_TOKEN_CACHE_ENTRIES = 100_000;
    /** Fetching at init overlaps the key set's TLS set-up and download with the runtime's own start. */
    public static final boolean DEFAULT_PREFETCH_KEYS = true;

    /** Where signatures are checked. */
    public enum CryptoProvider {
        /** The JDK's providers, as they are. */
        JDK("jdk"),
        /** Amazon Corretto Crypto Provider, installed as the most preferred provider; not in the jar. */
        ACCP("accp");

        private final String setting;

        CryptoProvider(String setting) {
            this.setting = setting;
        }

        /** The value of {@value AuthorizerSettings#CRYPTO_PROVIDER} that selects it. */
        public String setting() {
            return setting;
        }
    }

    public AuthorizerSettings {
        if (tokenCacheTtl.isNegative() || tokenCacheTtl.compareTo(MAX_TOKEN_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("tokenCacheTtl must be between 0 and " + MAX_TOKEN_CACHE_TTL);
        }
        if (tokenCacheEntries < 1 || tokenCacheEntries > MAX_TOKEN_CACHE_ENTRIES) {
            throw new IllegalArgumentException("tokenCacheEntries must be between 1 and " + MAX_TOKEN_CACHE_ENTRIES);
        }
        if (cryptoProvider == null) {
            throw new IllegalArgumentException("cryptoProvider is required");
        }
    }

    public static AuthorizerSettings defaults() {
        return new AuthorizerSettings(DEFAULT_TOKEN_CACHE_TTL, DEFAULT_TOKEN_CACHE_ENTRIES, DEFAULT_PREFETCH_KEYS,
                CryptoProvider.JDK);
    }

    /** Whether tokens are answered from memory at all. */
    public boolean tokenCacheEnabled() {
        return !tokenCacheTtl.isZero();
    }

    /** Reads and checks the settings; throws with every problem listed when any is wrong. Unset or blank means the default. */
    public static AuthorizerSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        long ttlSeconds = wholeNumber(env, TOKEN_CACHE_SECONDS, DEFAULT_TOKEN_CACHE_TTL.getSeconds(),
                0, MAX_TOKEN_CACHE_TTL.getSeconds(), problems);
        long entries = wholeNumber(env, TOKEN_CACHE_ENTRIES, DEFAULT_TOKEN_CACHE_ENTRIES,
                1, MAX_TOKEN_CACHE_ENTRIES, problems);
        boolean prefetch = DEFAULT_PREFETCH_KEYS;
        String rawPrefetch = value(env, PREFETCH_KEYS);
        if (rawPrefetch != null) {
            switch (rawPrefetch.toLowerCase(Locale.ROOT)) {
                case "true" -> prefetch = true;
                case "false" -> prefetch = false;
                default -> problems.add(PREFETCH_KEYS + " '" + rawPrefetch + "' must be true or false");
            }
        }
        CryptoProvider provider = CryptoProvider.JDK;
        String rawProvider = value(env, CRYPTO_PROVIDER);
        if (rawProvider != null) {
            provider = null;
            for (CryptoProvider p : CryptoProvider.values()) {
                if (p.setting().equalsIgnoreCase(rawProvider)) {
                    provider = p;
                }
            }
            if (provider == null) {
                problems.add(CRYPTO_PROVIDER + " '" + rawProvider + "' must be jdk or accp");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new AuthorizerSettings(Duration.ofSeconds(ttlSeconds), (int) entries, prefetch, provider);
    }
}
