package dev.labauth.core.config;

import static dev.labauth.core.config.EnvironmentValues.value;
import static dev.labauth.core.config.EnvironmentValues.wholeNumber;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the token verifier needs to know, read from the environment (Lambda and CLI alike) and
 * checked as a whole at start-up, so that a mistake is reported once, clearly, before any request.
 *
 * @param issuers       the trusted issuers, each with its key set
 * @param audiences     API identifiers; a token's {@code aud} must contain at least one
 * @param algorithms    the only signature algorithms accepted (never taken from the token)
 * @param clockSkew     tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param rolesClaim    the namespaced claim an Auth0 Action writes roles into
 * @param maxTokenBytes tokens longer than this are refused before parsing
 * @param jwks          how keys are fetched and cached
 * @param maxJsonDepth  the deepest nesting of objects and arrays a token's header or payload may have
 */
public record VerifierSettings(
        List<TrustedIssuer> issuers,
        Set<String> audiences,
        Set<JWSAlgorithm> algorithms,
        Duration clockSkew,
        String rolesClaim,
        int maxTokenBytes,
        JwksSettings jwks,
        int maxJsonDepth) {

    public static final String DOMAIN = "AUTH0_DOMAIN";
    public static final String ISSUER = "AUTH0_ISSUER";
    public static final String AUDIENCE = "AUTH0_AUDIENCE";
    public static final String JWKS_URI = "AUTH0_JWKS_URI";
    public static final String ALGORITHMS = "AUTH0_ALGORITHMS";
    public static final String CLOCK_SKEW_SECONDS = "AUTH0_CLOCK_SKEW_SECONDS";
    public static final String ROLES_CLAIM = "AUTH0_ROLES_CLAIM";
    public static final String MAX_TOKEN_BYTES = "AUTH0_MAX_TOKEN_BYTES";
    public static final String JWKS_TIMEOUT_MS = "AUTH0_JWKS_TIMEOUT_MS";
    public static final String JWKS_CACHE_SECONDS = "AUTH0_JWKS_CACHE_SECONDS";
    public static final String JWKS_REFETCH_SECONDS = "AUTH0_JWKS_REFETCH_SECONDS";
    public static final String JWKS_OUTAGE_SECONDS = "AUTH0_JWKS_OUTAGE_SECONDS";
    public static final String JWKS_MAX_BYTES = "AUTH0_JWKS_MAX_BYTES";
    public static final String JWKS_MAX_KEYS = "AUTH0_JWKS_MAX_KEYS";
    public static final String MAX_JSON_DEPTH = "AUTH0_MAX_JSON_DEPTH";

    public static final String DEFAULT_ALGORITHMS = "RS256";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final String DEFAULT_ROLES_CLAIM = "https://labauth.dev/roles";
    /** API Gateway refuses request headers past about 10 KiB; an honest Auth0 token is far smaller. */
    public static final int DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;
    /**
     * Auth0 tokens nest three or four levels (the claims object, {@code aud} or {@code permissions}, an
     * Action's custom claim); JSON nested deeper is refused before any parser walks it. The bundled JSON
     * parser stops at 255 on its own, so that is the most this can be set to.
     */
    public static final int DEFAULT_MAX_JSON_DEPTH = 16;
    public static final int MAX_MAX_JSON_DEPTH = 255;

    /** The asymmetric algorithms Auth0 can sign access tokens with, or that Nimbus verifies without extras. */
    private static final Map<String, JWSAlgorithm> SUPPORTED_ALGORITHMS = supportedAlgorithms();

    public VerifierSettings {
        issuers = List.copyOf(issuers);
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(jwks, "jwks");
    }

    /** The settings without a JSON depth of their own: {@link #DEFAULT_MAX_JSON_DEPTH}. */
    public VerifierSettings(List<TrustedIssuer> issuers, Set<String> audiences, Set<JWSAlgorithm> algorithms,
            Duration clockSkew, String rolesClaim, int maxTokenBytes, JwksSettings jwks) {
        this(issuers, audiences, algorithms, clockSkew, rolesClaim, maxTokenBytes, jwks, DEFAULT_MAX_JSON_DEPTH);
    }

    /** The issuer whose {@code iss} this is, if any. */
    public java.util.Optional<TrustedIssuer> issuerNamed(String iss) {
        return issuers.stream().filter(i -> i.names(iss)).findFirst();
    }

    public static VerifierSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads and checks the settings; throws with every problem listed when any is wrong. */
    public static VerifierSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        List<TrustedIssuer> issuers = readIssuers(env, problems);
        Set<String> audiences = readList(env, AUDIENCE);
        if (audiences.isEmpty()) {
            problems.add(AUDIENCE + " is required: the API identifier(s) of your Auth0 API, comma-separated"
                    + " (a token without a matching aud is refused)");
        }
        Set<JWSAlgorithm> algorithms = readAlgorithms(env, problems);
        Duration skew = Duration.ofSeconds(wholeNumber(env, CLOCK_SKEW_SECONDS, DEFAULT_CLOCK_SKEW.getSeconds(),
                0, MAX_CLOCK_SKEW.getSeconds(), problems));
        String rolesClaim = value(env, ROLES_CLAIM);
        if (rolesClaim == null) {
            rolesClaim = DEFAULT_ROLES_CLAIM;
        }
        int maxTokenBytes = (int) wholeNumber(env, MAX_TOKEN_BYTES, DEFAULT_MAX_TOKEN_BYTES, 1024, 65_536, problems);
        JwksSettings jwks = new JwksSettings(
                Duration.ofMillis(wholeNumber(env, JWKS_TIMEOUT_MS, JwksSettings.DEFAULT_TIMEOUT.toMillis(), 100, 30_000, problems)),
                Duration.ofSeconds(wholeNumber(env, JWKS_CACHE_SECONDS, JwksSettings.DEFAULT_CACHE_TTL.getSeconds(), 1, 86_400, problems)),
                Duration.ofSeconds(wholeNumber(env, JWKS_REFETCH_SECONDS, JwksSettings.DEFAULT_REFETCH_INTERVAL.getSeconds(), 1, 3_600, problems)),
                Duration.ofSeconds(wholeNumber(env, JWKS_OUTAGE_SECONDS, JwksSettings.DEFAULT_OUTAGE_TOLERANCE.getSeconds(), 0, 7 * 86_400, problems)),
                (int) wholeNumber(env, JWKS_MAX_BYTES, JwksSettings.DEFAULT_MAX_BYTES, 1024, 10 * 1024 * 1024, problems),
                (int) wholeNumber(env, JWKS_MAX_KEYS, JwksSettings.DEFAULT_MAX_KEYS, 1, 1_000, problems));
        int maxJsonDepth = (int) wholeNumber(env, MAX_JSON_DEPTH, DEFAULT_MAX_JSON_DEPTH, 2, MAX_MAX_JSON_DEPTH, problems);
        if (jwks.refetchInterval().compareTo(jwks.cacheTtl()) >= 0) {
            problems.add(JWKS_REFETCH_SECONDS + " (" + jwks.refetchInterval().getSeconds() + ") must be less than "
                    + JWKS_CACHE_SECONDS + " (" + jwks.cacheTtl().getSeconds() + "), or a rotated key could wait a whole TTL");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new VerifierSettings(issuers, audiences, algorithms, skew, rolesClaim, maxTokenBytes, jwks, maxJsonDepth);
    }

    private static List<TrustedIssuer> readIssuers(Map<String, String> env, List<String> problems) {
        String domain = value(env, DOMAIN);
        Set<String> issuerUrls = readList(env, ISSUER);
        if (domain != null && !issuerUrls.isEmpty()) {
            problems.add("set " + DOMAIN + " or " + ISSUER + ", not both");
            return List.of();
        }
        if (domain == null && issuerUrls.isEmpty()) {
            problems.add(DOMAIN + " (e.g. lab.eu.auth0.com) or " + ISSUER + " (a full issuer URL) is required");
            return List.of();
        }
        List<String> issuers = new ArrayList<>();
        if (domain != null) {
            String host = domainToHost(domain, problems);
            if (host == null) {
                return List.of();
            }
            issuers.add("https://" + host + "/");
        } else {
            issuers.addAll(issuerUrls);
        }
        String jwksOverride = value(env, JWKS_URI);
        if (jwksOverride != null && issuers.size() > 1) {
            problems.add(JWKS_URI + " names one key set, but " + issuers.size() + " issuers are configured");
            return List.of();
        }
        List<TrustedIssuer> trusted = new ArrayList<>();
        for (String issuer : issuers) {
            TrustedIssuer t = toTrustedIssuer(issuer, jwksOverride, problems);
            if (t != null && !trusted.contains(t)) { // "https://host" and "https://host/" are one issuer
                trusted.add(t);
            }
        }
        return trusted;
    }

    private static String domainToHost(String domain, List<String> problems) {
        String d = domain.trim();
        if (d.regionMatches(true, 0, "http://", 0, 7)) {
            problems.add(DOMAIN + " '" + d + "' uses http://; Auth0 domains are https only"
                    + " (use " + ISSUER + " for a loopback dev issuer)");
            return null;
        }
        if (d.regionMatches(true, 0, "https://", 0, 8)) {
            d = d.substring(8);
        }
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || !d.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            problems.add(DOMAIN + " '" + domain.trim() + "' is not a host name (expected e.g. lab.eu.auth0.com)");
            return null;
        }
        return d.toLowerCase(Locale.ROOT);
    }

    private static TrustedIssuer toTrustedIssuer(String issuer, String jwksOverride, List<String> problems) {
        URI uri = parseUrl(ISSUER, issuer, problems);
        if (uri == null) {
            return null;
        }
        String base = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Set<String> accepted = new LinkedHashSet<>();
        String withSlash;
        if (path.isEmpty() || path.equals("/")) {
            // Auth0 writes iss with a trailing slash; a bare origin names the same issuer.
            withSlash = base + "/";
            accepted.add(withSlash);
            accepted.add(base);
        } else {
            accepted.add(base + path);
            withSlash = path.endsWith("/") ? base + path : base + path + "/";
        }
        URI jwks;
        if (jwksOverride != null) {
            jwks = parseUrl(JWKS_URI, jwksOverride, problems);
            if (jwks == null) {
                return null;
            }
        } else {
            jwks = URI.create(withSlash + ".well-known/jwks.json");
        }
        return new TrustedIssuer(accepted.iterator().next(), accepted, jwks);
    }

    private static URI parseUrl(String name, String value, List<String> problems) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            problems.add(name + " '" + value + "' is not a URL: " + e.getReason());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(name + " '" + value + "' must be an absolute https:// URL");
            return null;
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            problems.add(name + " '" + value + "' uses http:// on a host that is not loopback;"
                    + " only https:// is trusted off this machine");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the user info may be a password.
            problems.add(name + " must not carry user info (user:password@)");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(name + " '" + value + "' must not carry a query or fragment");
            return null;
        }
        return uri;
    }

    private static Set<JWSAlgorithm> readAlgorithms(Map<String, String> env, List<String> problems) {
        Set<String> names = readList(env, ALGORITHMS);
        if (names.isEmpty()) {
            names = Set.of(DEFAULT_ALGORITHMS);
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            JWSAlgorithm alg = SUPPORTED_ALGORITHMS.get(upper);
            if (alg != null) {
                algorithms.add(alg);
            } else if (upper.equals("NONE")) {
                problems.add(ALGORITHMS + ": 'none' means unsigned tokens and is never accepted");
            } else if (upper.startsWith("HS")) {
                problems.add(ALGORITHMS + ": '" + name + "' is an HMAC algorithm; it needs a shared secret and"
                        + " Lab Auth verifies public-key signatures only (Auth0 APIs default to RS256)");
            } else {
                problems.add(ALGORITHMS + ": unknown algorithm '" + name + "'; supported: "
                        + String.join(", ", SUPPORTED_ALGORITHMS.keySet()));
            }
        }
        return algorithms;
    }

    private static Map<String, JWSAlgorithm> supportedAlgorithms() {
        Map<String, JWSAlgorithm> m = new LinkedHashMap<>();
        for (JWSAlgorithm a : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512)) {
            m.put(a.getName(), a);
        }
        return Map.copyOf(m);
    }

    private static Set<String> readList(Map<String, String> env, String name) {
        String raw = value(env, name);
        Set<String> items = new LinkedHashSet<>();
        if (raw != null) {
            for (String item : raw.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }
}
