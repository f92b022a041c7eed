package dev.labauth.core.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.labauth.core.config.TrustedIssuer;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.json.JsonObjects;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.principal.PrincipalReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks one access token against the settings, in an order that never trusts what it has not yet
 * checked: shape and size, header (algorithm from the allow-list, {@code typ}, {@code crit}),
 * issuer (only then is a key set consulted), key, signature, time claims, audience, and finally
 * the principal's claims. Each failure is a {@link Verification.Rejected} with its own reason.
 */
public final class TokenVerifier {
    /** {@code typ} values Auth0 sends: absent, {@code JWT}, or the RFC 9068 access-token profile. */
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");
    /** Auth0 opaque access tokens are 32 characters; anything dot-free of this size is taken for one. */
    private static final int MIN_OPAQUE_LENGTH = 16;

    private final VerifierSettings settings;
    private final Map<TrustedIssuer, KeySource> keySources;
    private final PrincipalReader principals;
    private final Clock clock;
    private final RecentHeaders recentHeaders = new RecentHeaders();

    public TokenVerifier(VerifierSettings settings, Function<TrustedIssuer, KeySource> keySourceFor, Clock clock) {
        this.settings = settings;
        this.keySources = settings.issuers().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), keySourceFor));
        this.principals = new PrincipalReader(settings.rolesClaim());
        this.clock = clock;
    }

    /** The production verifier: each issuer's JWKS endpoint over the network, the system clock. */
    public static TokenVerifier remote(VerifierSettings settings) {
        return new TokenVerifier(settings, issuer -> new RemoteKeySource(issuer.jwksUri(), settings.jwks()),
                Clock.systemUTC());
    }

    public VerifierSettings settings() {
        return settings;
    }

    public KeySource keySource(TrustedIssuer issuer) {
        return keySources.get(issuer);
    }

    /**
     * Fetches every issuer's key set now (Lambda init, SnapStart hooks) and prepares its keys, rather
     * than on the first request. Returns what could not be fetched, one line per issuer; the first
     * request that needs such a set tries again within the key source's limits.
     */
    public List<String> prefetchKeys(Instant now) {
        List<String> problems = new ArrayList<>();
        for (KeySource source : keySources.values()) {
            KeySource.KeySnapshot snapshot = source.current(now);
            if (snapshot instanceof KeySource.KeySnapshot.Available available) {
                VerificationKeys.of(available.keys()); // judged and decoded now, not on the first token
            } else {
                problems.add(((KeySource.KeySnapshot.Unavailable) snapshot).detail());
            }
        }
        return problems;
    }

    public Verification verify(String token) {
        if (token == null || token.isEmpty()) {
            return Verification.rejected(Reason.MISSING_TOKEN, "no token");
        }
        if (token.length() > settings.maxTokenBytes()) {
            return Verification.rejected(Reason.TOKEN_TOO_LARGE,
                    "token is " + token.length() + " bytes; the limit is " + settings.maxTokenBytes());
        }
        Instant now = clock.instant();
        Parsed parsed = parse(token);
        if (parsed.rejection != null) {
            return parsed.rejection;
        }
        JWSHeader header = parsed.header;
        if (!settings.algorithms().contains(header.getAlgorithm())) {
            return algorithmNotAllowed(header.getAlgorithm().getName());
        }
        JOSEObjectType typ = header.getType();
        if (typ != null && !ACCEPTED_TYPES.contains(typ.getType().toLowerCase(Locale.ROOT))) {
            return Verification.rejected(Reason.WRONG_TYPE, "typ " + shown(typ.getType()) + " is not JWT or at+jwt");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return Verification.rejected(Reason.MALFORMED,
                    "crit names header parameters this verifier does not understand: "
                            + shown(String.valueOf(header.getCriticalParams())));
        }
        if (!header.isBase64URLEncodePayload()) {
            // RFC 7797's unencoded payload is only valid under crit (refused above) and never a JWT.
            return Verification.rejected(Reason.MALFORMED, "b64 false: an unencoded payload is not a JWT");
        }
        // The payload is read only once the header has passed, and parsed once: the time checks
        // want its raw numbers, the rest Nimbus's claims view of the same map.
        String payloadJson = decoded(parsed.payload);
        if (JsonDepth.exceeds(payloadJson, settings.maxJsonDepth())) {
            return tooDeep("payload");
        }
        Map<String, Object> payload;
        JWTClaimsSet claims;
        try {
            payload = JsonObjects.parse(payloadJson);
            claims = JWTClaimsSet.parse(payload);
        } catch (ParseException | RuntimeException e) {
            return Verification.rejected(Reason.MALFORMED, "cannot parse claims: " + shown(String.valueOf(e.getMessage())));
        }
        Object issClaim = claims.getClaim("iss");
        if (!(issClaim instanceof String iss)) {
            return Verification.rejected(Reason.WRONG_ISSUER, "token has no iss");
        }
        TrustedIssuer issuer = settings.issuerNamed(iss).orElse(null);
        if (issuer == null) {
            return Verification.rejected(Reason.WRONG_ISSUER, "iss " + shown(iss) + " is not a configured issuer");
        }
        Optional<Verification.Rejected> failed = SignatureCheck.check(header, parsed.signingInput(token),
                        new Base64URL(parsed.signature), keySources.get(issuer), now)
                .or(() -> ClaimChecks.checkTimes(payload, now, settings.clockSkew()))
                .or(() -> ClaimChecks.checkAudience(claims, settings.audiences()));
        if (failed.isPresent()) {
            return failed.get();
        }
        return principals.read(claims);
    }

    /** A compact JWS taken apart: its header parsed, the other segments as sent; or why it could not be. */
    private record Parsed(JWSHeader header, String payload, String signature, int signingInputEnd,
            Verification.Rejected rejection) {
        static Parsed rejected(Verification.Rejected rejection) {
            return new Parsed(null, null, null, 0, rejection);
        }

        static Parsed rejected(Reason reason, String description) {
            return rejected(Verification.rejected(reason, description));
        }

        /** The bytes the signature covers: the first two segments as sent (ASCII, being canonical base64url). */
        byte[] signingInput(String token) {
            return token.substring(0, signingInputEnd).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Verification.Rejected tooDeep(String part) {
        return Verification.rejected(Reason.MALFORMED, "the " + part + " nests JSON deeper than "
                + settings.maxJsonDepth() + " levels");
    }

    private Verification.Rejected algorithmNotAllowed(String alg) {
        return Verification.rejected(Reason.ALG_NOT_ALLOWED, "alg " + shown(alg)
                + " is not in the allow-list " + names(settings.algorithms()));
    }

    private Parsed parse(String token) {
        if (token.startsWith("{")) {
            return Parsed.rejected(Reason.MALFORMED, "a JSON serialisation (JWS or JWE), not a compact token");
        }
        int dots = countDots(token);
        if (dots == 0 && token.length() >= MIN_OPAQUE_LENGTH) {
            return Parsed.rejected(Reason.OPAQUE_TOKEN, "an opaque token, not a JWT: Auth0 issues those when the"
                    + " token request names no audience; request the token with your API's audience");
        }
        if (dots == 4) {
            return isEncryptedHeader(token)
                    ? Parsed.rejected(Reason.OPAQUE_TOKEN, "an encrypted (JWE) token: Auth0 issues those when the token"
                            + " request names no audience; request the token with your API's audience")
                    : Parsed.rejected(Reason.MALFORMED, "five segments but no JWE header: not a token");
        }
        if (dots != 2) {
            return Parsed.rejected(Reason.MALFORMED, "not a JWS compact serialisation (" + (dots + 1) + " segments)");
        }
        String nonCanonical = CompactSegments.firstNonCanonical(token);
        if (nonCanonical != null) {
            return Parsed.rejected(Reason.MALFORMED, "the " + nonCanonical + " is not canonical base64url"
                    + " (RFC 7515: no padding, no characters outside A-Z a-z 0-9 - _, no stray bits)");
        }
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        String headerSegment = token.substring(0, firstDot);
        String payload = token.substring(firstDot + 1, secondDot);
        String signature = token.substring(secondDot + 1);
        JWSHeader header = recentHeaders.get(headerSegment);
        if (header == null) {
            String headerJson = decoded(headerSegment);
            if (JsonDepth.exceeds(headerJson, settings.maxJsonDepth())) {
                return Parsed.rejected(tooDeep("header"));
            }
            if (!JsonObjects.isObjectText(headerJson)) {
                return Parsed.rejected(Reason.MALFORMED, "the header is not a JSON object");
            }
            try {
                // The header only: the claims are parsed after the header checks.
                header = JWSHeader.parse(headerJson, new Base64URL(headerSegment));
            } catch (ParseException | RuntimeException e) {
                return unparseable(token, "invalid JWS header: " + e.getMessage());
            }
            recentHeaders.put(headerSegment, header);
        }
        if (signature.isEmpty()) {
            return unparseable(token, "the signature is empty");
        }
        return new Parsed(header, payload, signature, secondDot, null);
    }

    /**
     * A token that does not parse as a JWS. Nimbus fails on "none" and JWE algorithms ("not a JWS
     * header"), and an empty signature is an unsigned token whatever the casing of "none": a header
     * alg we do not allow is then the reason.
     */
    private Parsed unparseable(String token, String why) {
        String alg = headerAlgorithm(token);
        if (alg != null && settings.algorithms().stream().noneMatch(a -> a.getName().equals(alg))) {
            return Parsed.rejected(algorithmNotAllowed(alg));
        }
        return Parsed.rejected(Reason.MALFORMED, "cannot parse token: " + shown(why));
    }

    /** The {@code alg} the first segment names, or null when it names none or is not a JSON object. */
    private static String headerAlgorithm(String token) {
        try {
            String header = new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString();
            return JsonObjects.parse(header).get("alg") instanceof String alg ? alg : null;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isEncryptedHeader(String token) {
        try {
            String header = new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString();
            return JsonObjects.parse(header).containsKey("enc");
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A segment already held to canonical base64url ({@link CompactSegments}), decoded as UTF-8. The
     * JDK's decoder gives the same bytes as Nimbus's for canonical input, at a fraction of the cost.
     */
    private static String decoded(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    private static int countDots(String token) {
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    private static String names(Set<? extends com.nimbusds.jose.Algorithm> algorithms) {
        return algorithms.stream().map(com.nimbusds.jose.Algorithm::getName).sorted().collect(Collectors.joining(",", "[", "]"));
    }

    private static String shown(String value) {
        return Shown.quoted(value);
    }
}
