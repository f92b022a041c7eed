package dev.labauth.benchmarks;

import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap one verified-token cache entry holds, measured from outside: an authorizer built from its
 * environment (cache at its default lifetime, room for every entry) decides N distinct realistic
 * tokens once; the live heap it keeps afterwards, over N, is the cost of one entry. A second pass over
 * the same tokens tells whether a cache is there at all: with one it costs a fraction of the first.
 *
 * <p>It uses no class of the cache itself, only the authorizer's public engine and the settings
 * {@value DecisionBenchmark#TOKEN_CACHE_SECONDS} and {@value #TOKEN_CACHE_ENTRIES}, so it runs on a
 * build without the cache too, and then says so.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.labauth.benchmarks.CacheFootprint [ENTRIES]} (default 2000).
 */
public final class CacheFootprint {
    static final String TOKEN_CACHE_ENTRIES = "LABAUTH_TOKEN_CACHE_ENTRIES";

    private CacheFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (DevIssuer issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC())) {
            Instant now = Instant.now();
            List<String> credentials = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                Map<String, Object> claims = Auth0Token.claims(issuer.issuer(), now);
                claims.put("sub", "auth0|footprint" + i);
                credentials.add("Bearer " + issuer.sign(claims));
            }
            String arn = SampleEvents.arnFor("arn:aws:execute-api:us-east-1:123456789012:abcdef123/x",
                    Auth0Token.METHOD, Auth0Token.PATH);

            Map<String, String> env = DecisionBenchmark.environment(issuer.issuer());
            env.put(TOKEN_CACHE_ENTRIES, Integer.toString(entries + 100));
            Map<String, String> uncachedEnv = new HashMap<>(env);
            uncachedEnv.put(DecisionBenchmark.TOKEN_CACHE_SECONDS, "0");

            // Warm the verification path (class loading, JIT) on an engine that caches nothing, so that
            // the two measured passes differ only by what the measured engine kept.
            decideAll(AuthorizerEngine.fromEnvironment(uncachedEnv, line -> { }), credentials, arn);
            AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(env, line -> { });
            decideAll(engine, credentials.subList(0, 1), arn); // the key set fetch

            long before = liveHeap();
            long first = decideAll(engine, credentials, arn);
            long after = liveHeap();
            long second = decideAll(engine, credentials, arn);
            Reference.reachabilityFence(engine);
            Reference.reachabilityFence(credentials);

            double perEntry = (after - before) / (double) entries;
            double secondOverFirst = second / (double) first;
            if (secondOverFirst < 0.25) {
                System.out.printf("verified-token cache: %.0f bytes per entry (%d entries measured; a second pass took"
                        + " %.0f%% of the first); 1000 entries hold %.1f MiB%n",
                        perEntry, entries, secondOverFirst * 100, perEntry * 1000 / (1024 * 1024));
            } else {
                System.out.printf("verified-token cache: not active in this build (a second pass over %d tokens took"
                        + " %.0f%% of the first; %.0f bytes kept per token)%n", entries, secondOverFirst * 100, perEntry);
            }
        }
    }

    /** Decides each credential once; every decision must be an Allow. Returns the nanoseconds taken. */
    private static long decideAll(AuthorizerEngine engine, List<String> credentials, String arn) {
        long t0 = System.nanoTime();
        for (String credential : credentials) {
            Decision d = engine.decide("footprint", credential, Auth0Token.METHOD, Auth0Token.PATH, arn);
            if (!(d instanceof Decision.Allow)) {
                throw new IllegalStateException("the footprint token is not allowed: " + d);
            }
        }
        return System.nanoTime() - t0;
    }

    private static long liveHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
