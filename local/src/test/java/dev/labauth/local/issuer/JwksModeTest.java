package dev.labauth.local.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /dev/jwks}: a JWKS that is slow or unavailable, to try outages by hand. */
class JwksModeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private DevIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), CLOCK, TestKeys.ring());
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void unavailableAnswers503AndTheVerifierReportsJwksUnavailable() throws Exception {
        IssuerHttp.Answer set = IssuerHttp.post(issuer.issuer() + "dev/jwks?mode=unavailable");

        assertThat(set.json()).isEqualTo(Map.of("mode", "unavailable", "delayMs", 0L));
        assertThat(IssuerHttp.get(issuer.jwksUri()).status()).isEqualTo(503);
        String token = issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", CLOCK.instant())
                .audience(DevTenant.DEFAULT_AUDIENCE).toMap());
        Verification verdict = verifier().verify(token);
        assertThat(verdict).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) verdict).reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);

        IssuerHttp.post(issuer.issuer() + "dev/jwks?mode=normal");

        assertThat(IssuerHttp.get(issuer.jwksUri()).status()).isEqualTo(200);
        assertThat(verifier().verify(token)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void slowStillAnswersTheKeysAfterTheDelay() throws Exception {
        IssuerHttp.Answer set = IssuerHttp.postForm(issuer.issuer() + "dev/jwks", IssuerHttp.params("mode", "slow", "delayMs", "200"));

        assertThat(set.json()).isEqualTo(Map.of("mode", "slow", "delayMs", 200L));
        assertThat(issuer.jwksMode()).isEqualTo(JwksMode.slow(Duration.ofMillis(200)));
        IssuerHttp.Answer jwks = IssuerHttp.get(issuer.jwksUri());
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(JWKSet.parse(jwks.body()).getKeys()).hasSize(2);
        assertThat(IssuerHttp.get(issuer.issuer() + "dev/jwks").json()).containsEntry("mode", "slow");
    }

    @Test
    void slowWithoutADelayUsesTheDefault() throws Exception {
        IssuerHttp.post(issuer.issuer() + "dev/jwks?mode=slow");

        assertThat(issuer.jwksMode().delay()).isEqualTo(JwksMode.DEFAULT_SLOW_DELAY);
    }

    @Test
    void nonsenseModesAndDelaysAreRefusedAndChangeNothing() throws Exception {
        for (String query : new String[] {"mode=broken", "mode=slow&delayMs=-1", "mode=slow&delayMs=600000",
                "mode=slow&delayMs=soon", "mode=unavailable&delayMs=10", ""}) {
            IssuerHttp.Answer answer = IssuerHttp.post(issuer.issuer() + "dev/jwks?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json()).as(query).containsEntry("error", "invalid_request");
        }
        assertThat(issuer.jwksMode()).isEqualTo(JwksMode.normal());
    }

    @Test
    void aBrowserPageCannotWorkTheDevEndpoints() throws Exception {
        IssuerHttp.Answer fromPage = IssuerHttp.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + "dev/jwks?mode=unavailable"))
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(fromPage.status()).isEqualTo(403);
        assertThat(issuer.jwksMode()).isEqualTo(JwksMode.normal());
    }

    @Test
    void theJwksCountsEveryRequestItReceives() throws Exception {
        int before = issuer.jwksRequests();
        IssuerHttp.get(issuer.jwksUri());
        issuer.jwksMode(JwksMode.unavailable());
        IssuerHttp.get(issuer.jwksUri());

        assertThat(issuer.jwksRequests()).isEqualTo(before + 2);
    }

    private TokenVerifier verifier() {
        VerifierSettings settings = VerifierSettings.fromEnvironment(Map.of(VerifierSettings.ISSUER, issuer.issuer(),
                VerifierSettings.AUDIENCE, DevTenant.DEFAULT_AUDIENCE, VerifierSettings.JWKS_OUTAGE_SECONDS, "0"));
        return new TokenVerifier(settings, t -> new RemoteKeySource(t.jwksUri(), settings.jwks()), CLOCK);
    }
}
