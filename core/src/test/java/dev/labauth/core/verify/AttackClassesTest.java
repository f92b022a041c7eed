package dev.labauth.core.verify;

import static dev.labauth.core.verify.Outcomes.assertRejected;
import static dev.labauth.core.verify.Outcomes.assertVerified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.testing.Attacks;
import dev.labauth.core.testing.Attacks.Attack;
import dev.labauth.core.testing.Jwt;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5 §1: every attack class of {@link Attacks}, every variant, refused by the verifier with the
 * reason it names (never allowed, never our own failure), with ES256 enabled and with the default
 * RS256-only allow-list. The handler-level sweep of the same catalogue is in the authorizer module.
 */
class AttackClassesTest {
    private static final TokenVerifier ES256_ENABLED = verifier(Attacks.ENVIRONMENT);
    private static final TokenVerifier RS256_ONLY = verifier(Attacks.ENVIRONMENT_RS256_ONLY);

    private static TokenVerifier verifier(Map<String, String> env) {
        return new TokenVerifier(VerifierSettings.fromEnvironment(env), issuer -> new FixedKeySource(Attacks.published()),
                Clock.fixed(Jwt.NOW, ZoneOffset.UTC));
    }

    static Stream<Attack> attacks() {
        return Attacks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusedWithItsReason_es256Enabled(Attack attack) {
        Verification.Rejected r = assertRejected(ES256_ENABLED.verify(attack.token()), attack.expected(), attack.token());
        assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusedWithItsReason_rs256Only(Attack attack) {
        Verification.Rejected r = assertRejected(RS256_ONLY.verify(attack.token()), attack.expectedRs256Only(),
                attack.token());
        assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
    }

    /** The controls: the same verifiers allow the genuine tokens the forgeries start from. */
    @Test
    void controls_genuineTokensAreAllowed() {
        assertVerified(ES256_ENABLED.verify(Attacks.genuineToken()));
        assertVerified(RS256_ONLY.verify(Attacks.genuineToken()));
        assertVerified(ES256_ENABLED.verify(Jwt.auth0User("ec1").header("alg", "ES256").signedEs256(Attacks.ISSUER_EC_KEY)));
        // JSON exactly as deep as the bound is fine
        String sixteen = "{\"x\":" + "[".repeat(15) + "]".repeat(15) + "," + Attacks.genuine().claimsJson().substring(1);
        assertVerified(ES256_ENABLED.verify(Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"), Jwt.b64(sixteen),
                Attacks.ISSUER_KEY)));
    }

    /** The catalogue covers every class of issue #5 with several variants each. */
    @Test
    void everyClassHasSeveralVariants() {
        Map<String, Long> perClass = Attacks.all().stream()
                .collect(Collectors.groupingBy(Attack::attackClass, TreeMap::new, Collectors.counting()));

        assertThat(perClass).hasSize(15);
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
        assertThat(Attacks.all().stream().map(Attack::toString).collect(Collectors.toSet()))
                .as("variant names are unique").hasSize(Attacks.all().size());
        assertThat(Attacks.all().stream().map(Attack::expected).collect(Collectors.toSet()))
                .doesNotContain(Reason.JWKS_UNAVAILABLE, Reason.MISCONFIGURED, Reason.INTERNAL_ERROR);
        System.out.println("attack variants per class: " + perClass + ", total " + Attacks.all().size());
    }

    /** The JSON depth bound is a setting: raise it and the 17-deep header reaches the signature check. */
    @Test
    void jsonDepth_isTheSettingsBound() {
        Attack deep = Attacks.all().stream().filter(a -> a.variant().equals("header nested 17 deep")).findFirst().orElseThrow();
        TokenVerifier roomy = verifier(Map.of("AUTH0_DOMAIN", Jwt.TENANT, "AUTH0_AUDIENCE", Jwt.API,
                "AUTH0_MAX_JSON_DEPTH", "32"));

        assertThat(assertRejected(ES256_ENABLED.verify(deep.token()), Reason.MALFORMED, deep.token()).description())
                .contains("deeper than 16");
        assertVerified(roomy.verify(deep.token()));
    }

    /** Reasons the catalogue uses, for the report. */
    @Test
    void reasonsUsed() {
        Set<Reason> used = Attacks.all().stream().map(Attack::expected).collect(Collectors.toSet());
        assertThat(used).containsAll(List.of(Reason.ALG_NOT_ALLOWED, Reason.BAD_SIGNATURE, Reason.UNKNOWN_KEY,
                Reason.MALFORMED, Reason.OPAQUE_TOKEN, Reason.TOKEN_TOO_LARGE));
    }
}
