package dev.labauth.local.issuer;

import static dev.labauth.local.issuer.IssuerHttp.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key rotation and revocation through {@code /dev/keys}, seen by the authorizers' own verifier. */
class KeyRotationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String API = DevTenant.DEFAULT_AUDIENCE;
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
    void theJwksPublishesTheCurrentAndTheNextDevelopmentKey() throws Exception {
        JWKSet published = JWKSet.parse(IssuerHttp.get(issuer.jwksUri()).body());
        KeyRing.State state = issuer.keys().state();

        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly(state.current(), state.next());
        assertThat(published.getKeys()).allSatisfy(k -> {
            assertThat(k.getKeyID()).hasSize(21).startsWith(DevSigningKey.KID_PREFIX);
            assertThat(k.isPrivate()).isFalse();
        });
        assertThat(state.current()).isNotEqualTo(state.next());
    }

    @Test
    void rotationThroughTheDevEndpointKeepsTokensOfBothKeysWorking() throws Exception {
        TokenVerifier warm = verifier();
        String before = m2mToken();
        assertThat(warm.verify(before)).isInstanceOf(Verification.Verified.class);
        int fetchesBefore = issuer.jwksRequests();
        KeyRing.State old = issuer.keys().state();

        IssuerHttp.Answer rotated = IssuerHttp.post(issuer.issuer() + "dev/keys/rotate");

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json()).containsEntry("current", old.next()).containsEntry("previous", List.of(old.current()));
        String after = m2mToken();
        assertThat(kid(after)).isEqualTo(old.next());
        assertThat(kid(before)).isEqualTo(old.current());
        // The new signing key was published as "next" before it signed: a warm cache knows it already.
        assertThat(warm.verify(after)).isInstanceOf(Verification.Verified.class);
        assertThat(warm.verify(before)).isInstanceOf(Verification.Verified.class);
        assertThat(issuer.jwksRequests()).isEqualTo(fetchesBefore);
        // A cold verifier sees both as well: the old key stays published until it is revoked.
        TokenVerifier cold = verifier();
        assertThat(cold.verify(before)).isInstanceOf(Verification.Verified.class);
        assertThat(cold.verify(after)).isInstanceOf(Verification.Verified.class);
        assertThat(JWKSet.parse(IssuerHttp.get(issuer.jwksUri()).body()).getKeys()).hasSize(3);
    }

    @Test
    void revokingThePreviousKeyEndsItsTokensOnly() throws Exception {
        String before = m2mToken();
        IssuerHttp.post(issuer.issuer() + "dev/keys/rotate");
        String after = m2mToken();

        IssuerHttp.Answer revoked = IssuerHttp.post(issuer.issuer() + "dev/keys/revoke");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json()).containsEntry("previous", List.of()).containsEntry("revoked", List.of(kid(before)));
        TokenVerifier cold = verifier();
        Verification verdict = cold.verify(before);
        assertThat(verdict).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) verdict).reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(cold.verify(after)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void userinfoFollowsTheKeysToo() throws Exception {
        String before = login();
        IssuerHttp.post(issuer.issuer() + "dev/keys/rotate");
        assertThat(IssuerHttp.get(issuer.userinfoEndpoint(), before).status()).isEqualTo(200);

        IssuerHttp.post(issuer.issuer() + "dev/keys/revoke");

        assertThat(IssuerHttp.get(issuer.userinfoEndpoint(), before).status()).isEqualTo(401);
        assertThat(IssuerHttp.get(issuer.userinfoEndpoint(), login()).status()).isEqualTo(200);
    }

    @Test
    void oneKeyCanBeRevokedByKidButNeverTheCurrentOrTheNext() throws Exception {
        String first = issuer.keys().state().current();
        issuer.keys().rotate();
        String second = issuer.keys().state().current();
        issuer.keys().rotate();
        assertThat(issuer.keys().state().previous()).containsExactly(second, first);

        IssuerHttp.Answer one = IssuerHttp.post(issuer.issuer() + "dev/keys/revoke?kid=" + first);
        IssuerHttp.Answer current = IssuerHttp.post(issuer.issuer() + "dev/keys/revoke?kid=" + issuer.keys().state().current());
        IssuerHttp.Answer unknown = IssuerHttp.post(issuer.issuer() + "dev/keys/revoke?kid=labauth-dev-000000000");

        assertThat(one.json()).containsEntry("previous", List.of(second)).containsEntry("revoked", List.of(first));
        assertThat(current.status()).isEqualTo(409);
        assertThat(current.json().get("error_description")).asString().contains("rotate first");
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(IssuerHttp.get(issuer.issuer() + "dev/keys").json()).containsEntry("previous", List.of(second));
    }

    @Test
    void devEndpointsAnswerOnlyToTheirMethod() throws Exception {
        assertThat(IssuerHttp.get(issuer.issuer() + "dev/keys/rotate").status()).isEqualTo(405);
        assertThat(IssuerHttp.post(issuer.issuer() + "dev/nothing").status()).isEqualTo(404);
    }

    private TokenVerifier verifier() {
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of(VerifierSettings.ISSUER, issuer.issuer(), VerifierSettings.AUDIENCE, API));
        return new TokenVerifier(settings, t -> new RemoteKeySource(t.jwksUri(), settings.jwks()), CLOCK);
    }

    private String m2mToken() throws Exception {
        return IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", issuer.tenant().client("lab-worker").orElseThrow().clientSecret(),
                "audience", API)).accessToken();
    }

    private String login() throws Exception {
        return IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "password", "client_id", "lab-spa",
                "username", "alice", "password", "alice-dev-password", "audience", API, "scope", "openid")).accessToken();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
