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
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * C-06 junk tokens and C-07 forged tokens: each is a 401 (message exactly {@code Unauthorized}),
 * never a 500 and never an Allow.
 */
class HostileTokensTest {
    private static TestTenant tenant;
    private static Harness harness;
    private static String issuerKid;
    private static DevSigningKey impostorUnderIssuersKid;

    @BeforeAll
    static void start() {
        tenant = TestTenant.start();
        harness = tenant.remoteHarness();
        issuerKid = tenant.issuer().signingKey().keyId();
        impostorUnderIssuersKid = DevSigningKey.withKeyId(issuerKid);
    }

    @AfterAll
    static void stop() {
        tenant.close();
    }

    private static Map<String, Object> claims() {
        return tenant.user(Instant.now()).toMap();
    }

    // C-06

    @ParameterizedTest
    @EnumSource(Handler.class)
    void notAJwtIsUnauthorized(Handler handler) {
        harness.run(handler, "Bearer not-a-jwt").assertUnauthorized("malformed");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void bearerWithNothingAfterItIsUnauthorized(Handler handler) {
        Outcome outcome = harness.run(handler, "Bearer ");
        // 401 is what matters; the reason may say "no token" or "no scheme".
        assertThat(outcome.error()).isNotNull();
        assertThat(outcome.error().getMessage()).isEqualTo("Unauthorized");
        assertThat(outcome.decision().get("Reason")).isIn("missing_token", "wrong_scheme");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void twoSegmentsAreUnauthorized(Handler handler) {
        String token = tenant.validToken();
        harness.run(handler, "Bearer " + token.substring(0, token.lastIndexOf('.'))).assertUnauthorized("malformed");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void tamperedPayloadWithTheOriginalSignatureIsUnauthorized(Handler handler) {
        Map<String, Object> promoted = claims();
        promoted.put("permissions", java.util.List.of("read:experiments", "delete:experiments"));
        String tampered = Forge.tamperedPayload(tenant.validToken(), promoted);
        harness.run(handler, "Bearer " + tampered).assertUnauthorized("bad_signature");
    }

    // C-07

    @ParameterizedTest
    @EnumSource(Handler.class)
    void algNoneIsUnauthorized(Handler handler) {
        harness.run(handler, "Bearer " + Forge.algNone(claims())).assertUnauthorized("alg_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void hs256KeyedWithTheIssuersPublicKeyPemIsUnauthorized(Handler handler) {
        String forged = Forge.hs256KeyedWithPublicPem(tenant.issuer().signingKey().publicJwk(), claims());
        harness.run(handler, "Bearer " + forged).assertUnauthorized("alg_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void es256WithZeroSignatureIsUnauthorized(Handler handler) {
        harness.run(handler, "Bearer " + Forge.es256ZeroSignature(issuerKid, claims())).assertUnauthorized("alg_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void tokenSignedByAnotherKeyUnderTheIssuersKidIsUnauthorized(Handler handler) {
        String forged = TokenMinter.sign(impostorUnderIssuersKid, claims());
        harness.run(handler, "Bearer " + forged).assertUnauthorized("bad_signature");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void keyEmbeddedOrLinkedInTheHeaderIsIgnored(Handler handler) {
        // The attacker's public key in 'jwk' and a 'jku' of their own: neither may be trusted.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(issuerKid)
                .jwk(Forge.attackerKey().toPublicJWK())
                .jwkURL(URI.create("https://attacker.example/jwks.json"))
                .build();
        String forged = Forge.sign(header, Forge.attackerKey(), claims());
        harness.run(handler, "Bearer " + forged).assertUnauthorized("bad_signature");
    }
}
