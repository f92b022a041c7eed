package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
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

/** labauth explain with the lab's bundled rules: the rule, what it needs, what the token holds, the decision. */
class ExplainCommandTest {
    private static final Instant ISSUED = Instant.parse("2026-06-01T12:00:00Z");
    private static DevIssuer issuer;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        env = Map.of("AUTH0_ISSUER", issuer.issuer(), "AUTH0_AUDIENCE", DevTenant.DEFAULT_AUDIENCE);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static String member() {
        return issuer.sign(AccessTokenClaims.forUser(issuer.issuer(), "auth0|member", "lab-spa", Instant.now())
                .audience(DevTenant.DEFAULT_AUDIENCE).scope("openid read:experiments create:experiments")
                .permissions(List.of("read:experiments", "create:experiments"))
                .claim("https://labauth.dev/roles", List.of("lab-member")).toMap());
    }

    @Test
    void anAllowedRequestNamesItsRuleAndExitsZero() {
        CliRun run = CliRun.of(env, "", "explain", "--token", member(), "POST /experiments");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("rule         POST /experiments (line ").contains("requires scope:create:experiments, users only")
                .contains("roles: lab-member").contains("decision     Allow");
    }

    @Test
    void aRefusedRequestSaysWhatTheTokenLacksAndExitsOne() {
        String machine = issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", Instant.now())
                .audience(DevTenant.DEFAULT_AUDIENCE).scope("read:experiments create:experiments").toMap());

        CliRun run = CliRun.of(env, "", "explain", "--token", machine, "POST /experiments");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("machine-to-machine").contains("403 insufficient_scope")
                .contains("machine-to-machine tokens are excluded");
    }

    @Test
    void anUnlistedRouteIsDeniedByDefault() {
        CliRun run = CliRun.of(env, "", "explain", "--token", member(), "GET /admin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("is not listed, and unlisted routes are denied");
    }

    @Test
    void anInvalidTokenNeverReachesTheRules() {
        CliRun run = CliRun.of(env, "", "explain", "--token", "not-a-jwt", "GET /me");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("refused: malformed").contains("401").doesNotContain("rule ");
    }

    @Test
    void operatorsJudgeALoggedTokenOfflineWithASavedKeySetAndAnInstant() throws Exception {
        String old = issuer.sign(AccessTokenClaims.forUser(issuer.issuer(), "auth0|member", "lab-spa", ISSUED)
                .audience(DevTenant.DEFAULT_AUDIENCE).scope("read:experiments").toMap());
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(issuer.signingKey().publicJwk()).toString(true));

        CliRun run = CliRun.of(env, old, "explain", "--token", "-", "--jwks", jwks.toString(),
                "--now", String.valueOf(ISSUED.getEpochSecond() + 60), "GET /experiments");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("decision     Allow");
    }

    @Test
    void aRequestThatIsNotMethodAndPathIsAUsageError() {
        CliRun run = CliRun.of(env, "", "explain", "--token", member(), "experiments");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("METHOD /path");
    }

    @Test
    void aBrokenRulesFileIsAUsageErrorNamingItsLine() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "default: deny\nrules:\n  - route: GET /me\n    requires: authenticated\n");

        CliRun run = CliRun.of(env, "", "explain", "--token", member(), "--rules", rules.toString(), "GET /me");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("line 4").contains("unknown key 'requires'");
    }
}
