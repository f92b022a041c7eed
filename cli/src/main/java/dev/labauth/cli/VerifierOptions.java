package dev.labauth.cli;

import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.verify.TokenVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How {@code verify} and {@code explain} check a token: flags over the environment's {@code AUTH0_*}. */
final class VerifierOptions {
    /** More than the largest token any setting admits: a longer input is judged token_too_large, not read to the end. */
    static final int MAX_STDIN_TOKEN_BYTES = 64 * 1024 + 1;

    @Option(names = "--issuer", paramLabel = "URL", description = "trusted issuer(s), comma-separated (AUTH0_ISSUER)")
    String issuer;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Auth0 tenant or custom domain (AUTH0_DOMAIN)")
    String domain;

    @Option(names = "--audience", paramLabel = "API", description = "accepted audience(s), comma-separated (AUTH0_AUDIENCE)")
    String audience;

    @Option(names = "--algorithms", paramLabel = "ALGS", description = "allowed algorithms (AUTH0_ALGORITHMS, default RS256)")
    String algorithms;

    @Option(names = "--jwks", paramLabel = "FILE|URL",
            description = "the key set: a saved JWKS file (works offline) or a URL (default: the issuer's)")
    String jwks;

    @Option(names = "--now", paramLabel = "EPOCH",
            description = "judge exp/nbf/iat as of this instant (seconds since the epoch), e.g. for a token from a log")
    Long now;

    /** The environment with the flags laid over it. */
    Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        if (issuer != null) {
            env.remove(VerifierSettings.DOMAIN);
            env.put(VerifierSettings.ISSUER, issuer);
        }
        if (domain != null) {
            env.remove(VerifierSettings.ISSUER);
            env.put(VerifierSettings.DOMAIN, domain);
        }
        put(env, VerifierSettings.AUDIENCE, audience);
        put(env, VerifierSettings.ALGORITHMS, algorithms);
        if (jwksIsUrl()) {
            env.put(VerifierSettings.JWKS_URI, jwks);
        }
        return env;
    }

    /** Throws InvalidConfigurationException or IOException (an unreadable JWKS file): usage errors, exit 2. */
    TokenVerifier verifier(Map<String, String> env) throws IOException {
        if (now != null && (now < 0 || now > dev.labauth.core.verify.ClaimChecks.MAX_EPOCH_SECONDS)) {
            throw new InvalidConfigurationException(java.util.List.of("--now " + now
                    + " is not an instant between 1970 and 9999 (seconds since the epoch)"));
        }
        VerifierSettings settings = VerifierSettings.fromEnvironment(environment(env));
        KeySource fileKeys = jwks != null && !jwksIsUrl() ? FixedKeySource.fromFile(Path.of(jwks), settings.jwks().maxBytes()) : null;
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        return new TokenVerifier(settings,
                trusted -> fileKeys != null ? fileKeys : new RemoteKeySource(trusted.jwksUri(), settings.jwks()), clock);
    }

    private boolean jwksIsUrl() {
        return jwks != null && (jwks.startsWith("https://") || jwks.startsWith("http://"));
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    /** The one way both commands report a configuration they cannot use. */
    static String problem(Exception e) {
        return e instanceof InvalidConfigurationException ? e.getMessage() : String.valueOf(e.getMessage());
    }
}
