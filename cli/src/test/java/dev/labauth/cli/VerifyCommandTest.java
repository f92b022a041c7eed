package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final Instant ISSUED = Instant.parse("2026-06-01T12:00:00Z");
    private static DevIssuer issuer;
    private static String token;

    @TempDir
    Path dir;

    @BeforeAll
    static void startIssuer() throws IOException {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        token = issuer.sign(AccessTokenClaims.forUser(issuer.issuer(), "auth0|alice", "lab-spa", ISSUED)
                .audiences(List.of(DevTenant.DEFAULT_AUDIENCE, issuer.issuer() + "userinfo"))
                .scope("openid read:experiments")
                .permissions(List.of("read:experiments", "create:experiments"))
                .claim("email", "alice@lab.local").toMap());
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void aValidTokenPrintsItsPrincipalAndExitsZero() throws Exception {
        CliRun run = CliRun.of(Map.of(), "", "verify", token, "--issuer", issuer.issuer(),
                "--audience", DevTenant.DEFAULT_AUDIENCE, "--now", String.valueOf(ISSUED.getEpochSecond() + 60));

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> verdict = JSONObjectUtils.parse(run.out());
        assertThat(verdict).containsEntry("valid", true).containsEntry("reason", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> principal = (Map<String, Object>) verdict.get("principal");
        assertThat(principal).containsEntry("sub", "auth0|alice").containsEntry("email", "alice@lab.local")
                .containsEntry("clientId", "lab-spa").containsEntry("machine", false);
        assertThat(principal.get("permissions")).asList().containsExactly("create:experiments", "read:experiments");
    }

    @Test
    void nowAfterExpiryRejectsAsExpiredAndExitsOne() throws Exception {
        long afterExpiry = ISSUED.plus(AccessTokenClaims.DEFAULT_LIFETIME).getEpochSecond() + 3600;

        CliRun run = CliRun.of(Map.of(), "", "verify", token, "--issuer", issuer.issuer(),
                "--audience", DevTenant.DEFAULT_AUDIENCE, "--now", String.valueOf(afterExpiry));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(JSONObjectUtils.parse(run.out())).containsEntry("valid", false).containsEntry("reason", "expired");
        assertThat(run.out()).doesNotContain(token);
    }

    @Test
    void aSavedJwksFileWorksOffline() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"),
                new JWKSet(issuer.signingKey().publicJwk()).toString(true));
        // An issuer URL on a port where nothing listens: only the file can supply the key.
        String settingsFromEnv = "http://127.0.0.1:9/";
        String offlineToken = issuer.sign(AccessTokenClaims.forClient(settingsFromEnv, "lab-worker", ISSUED)
                .audience(DevTenant.DEFAULT_AUDIENCE).toMap());

        CliRun run = CliRun.of(Map.of("AUTH0_ISSUER", settingsFromEnv, "AUTH0_AUDIENCE", DevTenant.DEFAULT_AUDIENCE),
                offlineToken + "\n", "verify", "-", "--jwks", jwks.toString(), "--now", String.valueOf(ISSUED.getEpochSecond()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(JSONObjectUtils.parse(run.out())).containsEntry("valid", true);
    }

    @Test
    void missingAudienceIsAConfigurationErrorWithExitTwo() {
        CliRun run = CliRun.of(Map.of(), "", "verify", token, "--issuer", issuer.issuer());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("AUTH0_AUDIENCE is required");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotAJwksIsAUsageErrorNotAnEmptyKeySet() throws Exception {
        Path notJwks = Files.writeString(dir.resolve("notes.txt"), "hello");

        CliRun run = CliRun.of(Map.of(), "", "verify", token, "--issuer", issuer.issuer(),
                "--audience", DevTenant.DEFAULT_AUDIENCE, "--jwks", notJwks.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a JSON Web Key Set");
    }
}
