package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.labauth.authorizer.testing.Forge;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Outcome;
import dev.labauth.authorizer.testing.TestTenant;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every 401 reason of the outcome table through every handler: the handler throws an error whose
 * message is exactly {@code Unauthorized}, and the decision log line names the reason. Times are
 * judged at a fixed clock, long past, so a token valid at that clock is expired in real time.
 */
class UnauthorizedOutcomesTest {
    static final Instant NOW = Instant.parse("2024-03-14T09:26:53Z");

    private static TestTenant tenant;
    private static Harness harness;
    private static DevSigningKey impostorUnderIssuersKid;

    @BeforeAll
    static void start() {
        tenant = TestTenant.start();
        harness = tenant.harnessAt(Clock.fixed(NOW, ZoneOffset.UTC));
        impostorUnderIssuersKid = DevSigningKey.withKeyId(tenant.issuer().signingKey().keyId());
    }

    @AfterAll
    static void stop() {
        tenant.close();
    }

    /** A user token, valid for an hour at {@link #NOW}. */
    private static AccessTokenClaims claims() {
        return tenant.user(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(3600));
    }

    private static String bearer(AccessTokenClaims claims) {
        return "Bearer " + tenant.sign(claims);
    }

    enum Case {
        MISSING_TOKEN("missing_token", () -> null),
        WRONG_SCHEME("wrong_scheme", () -> "Basic " + Base64.getEncoder().encodeToString(
                "lab-worker:lab-worker-dev-secret".getBytes(StandardCharsets.UTF_8))),
        MALFORMED("malformed", () -> {
            String[] parts = tenant.sign(claims()).split("\\.");
            return "Bearer " + parts[0] + "." + parts[1];
        }),
        BAD_SIGNATURE("bad_signature", () -> "Bearer " + TokenMinter.sign(impostorUnderIssuersKid, claims().toMap())),
        UNKNOWN_KEY("unknown_key", () -> "Bearer " + Forge.rs256(Forge.attackerKey(), "kid-nobody-publishes", claims().toMap())),
        ALG_NOT_ALLOWED("alg_not_allowed", () -> "Bearer " + Forge.algNone(claims().toMap())),
        WRONG_TYPE("wrong_type", () -> "Bearer " + Forge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("dpop+jwt")).keyID(tenant.issuer().signingKey().keyId()).build(),
                Forge.attackerKey(), claims().toMap())),
        EXPIRED("expired", () -> bearer(tenant.user(NOW.minusSeconds(7200)).expiresAt(NOW.minusSeconds(300)))),
        NOT_YET_VALID("not_yet_valid", () -> bearer(claims().claim("nbf", NOW.plusSeconds(600).getEpochSecond()))),
        WRONG_ISSUER("wrong_issuer", () -> bearer(claims().claim("iss", "https://lab.eu.auth0.com/"))),
        WRONG_AUDIENCE("wrong_audience", () -> bearer(claims().audience("https://api.other.example"))),
        OPAQUE_TOKEN("opaque_token", () -> "Bearer " + Forge.opaque()),
        TOKEN_TOO_LARGE("token_too_large", () -> bearer(claims().claim("padding", "x".repeat(9000))));

        final String reason;
        final Supplier<String> credential;

        Case(String reason, Supplier<String> credential) {
            this.reason = reason;
            this.credential = credential;
        }
    }

    static Stream<Arguments> everyHandlerEveryReason() {
        return Arrays.stream(Handler.values())
                .flatMap(h -> Arrays.stream(Case.values()).map(c -> Arguments.of(h, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyHandlerEveryReason")
    void refusedWithUnauthorizedAndTheReasonLogged(Handler handler, Case c) {
        String credential = c.credential.get();
        Outcome outcome = harness.run(handler, credential).assertUnauthorized(c.reason);
        if (credential != null) {
            outcome.assertCredentialFingerprinted();
        }
    }

    /** The control: the same setup allows a token valid at the fixed clock (and expired in real time). */
    @ParameterizedTest
    @EnumSource(Handler.class)
    void tokenValidAtTheFixedClockIsAllowed(Handler handler) {
        assertThat(NOW.plusSeconds(3600)).isBefore(Instant.now());
        harness.run(handler, bearer(claims())).assertAllowed();
    }

    /** {@code exp} is given 60 s of clock skew, and not a second more. */
    @ParameterizedTest
    @EnumSource(value = Handler.class, names = {"TOKEN", "HTTP"})
    void expiryAllowsSixtySecondsOfSkew(Handler handler) {
        harness.run(handler, bearer(tenant.user(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(59)))).assertAllowed();
        harness.run(handler, bearer(tenant.user(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(60))))
                .assertUnauthorized("expired");
    }

    /** C-13: the refusal of an opaque or encrypted token tells the client what to change. */
    @ParameterizedTest
    @EnumSource(Handler.class)
    void opaqueAndEncryptedTokensAreToldToAskForAnAudience(Handler handler) {
        for (String token : List.of(Forge.opaque(), Forge.jweWithoutAudience())) {
            Outcome outcome = harness.run(handler, "Bearer " + token).assertUnauthorized("opaque_token");
            assertThat(outcome.description()).contains("audience");
        }
    }
}
