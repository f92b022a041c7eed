package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
    private static final String API = DevTenant.DEFAULT_AUDIENCE;
    private static DevIssuer issuer;

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void aUserTokenIsTheOnlyThingOnStandardOutput() throws Exception {
        CliRun run = CliRun.of(Map.of(), "", "token", "--user", "alice", "--issuer-url", issuer.issuer());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
        assertThat(run.err()).isEmpty();
        Map<String, Object> claims = claims(run.out());
        assertThat(claims).containsEntry("sub", DevTenant.User.userIdFor("alice")).containsEntry("azp", "lab-spa")
                .containsEntry("scope", "openid read:experiments create:experiments")
                .containsEntry("aud", List.of(API, issuer.issuer() + "userinfo"))
                .containsEntry(DevTenant.ROLES_CLAIM, List.of("lab-member"));
    }

    @Test
    void aUserAsksForTheScopesGivenAndTheIssuerUrlMayLackItsSlash() throws Exception {
        String withoutSlash = issuer.issuer().substring(0, issuer.issuer().length() - 1);

        CliRun run = CliRun.of(Map.of(), "", "token", "--user", "ada", "--scope", "delete:experiments",
                "--issuer-url", withoutSlash);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(claims(run.out())).containsEntry("scope", "delete:experiments").containsEntry("aud", API);
    }

    @Test
    void aClientTokenIsMachineToMachine() throws Exception {
        CliRun run = CliRun.of(Map.of(), "", "token", "--client", "lab-worker", "--issuer-url", issuer.issuer());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(claims(run.out())).containsEntry("sub", "lab-worker@clients")
                .containsEntry("gty", "client-credentials").containsEntry("scope", "read:experiments");
    }

    @Test
    void aRefusalIsExitOneWithTheIssuersErrorOnStandardError() {
        CliRun wrongPassword = CliRun.of(Map.of(), "", "token", "--user", "alice", "--password", "guess",
                "--issuer-url", issuer.issuer());
        CliRun noGrant = CliRun.of(Map.of(), "", "token", "--client", "lab-spa", "--issuer-url", issuer.issuer());

        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(wrongPassword.out()).isEmpty();
        assertThat(wrongPassword.err()).contains("invalid_grant").contains("Wrong email or password.");
        assertThat(noGrant.exitCode()).isEqualTo(1);
        assertThat(noGrant.out()).isEmpty();
        assertThat(noGrant.err()).contains("unauthorized_client");
    }

    @Test
    void anIssuerThatIsNotRunningIsExitTwo() throws Exception {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        CliRun run = CliRun.of(Map.of(), "", "token", "--client", "lab-worker", "--issuer-url", nobody);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot reach the dev issuer at " + nobody + "oauth/token").contains("labauth dev");
    }

    @Test
    void usageMistakesAreExitTwo() {
        CliRun both = CliRun.of(Map.of(), "", "token", "--user", "alice", "--client", "lab-worker");
        CliRun neither = CliRun.of(Map.of(), "", "token");
        CliRun unknownUser = CliRun.of(Map.of(), "", "token", "--user", "mallory", "--issuer-url", issuer.issuer());
        CliRun remoteHttp = CliRun.of(Map.of(), "", "token", "--user", "alice", "--issuer-url", "http://lab.example/");

        for (CliRun run : List.of(both, neither, unknownUser, remoteHttp)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
        }
        assertThat(unknownUser.err()).contains("no local user 'mallory'").contains("alice, bob, ada, guest");
        assertThat(remoteHttp.err()).contains("loopback hosts only");
    }

    @Test
    void theDefaultIssuerUrlIsTheLocalStacksPort() {
        assertThat(TokenCommand.DEFAULT_ISSUER_URL).isEqualTo("http://127.0.0.1:3001/");
        assertThat(DevTokenClient.tokenEndpoint(TokenCommand.DEFAULT_ISSUER_URL).toString())
                .isEqualTo("http://127.0.0.1:3001/oauth/token");
    }

    private static Map<String, Object> claims(String out) throws Exception {
        return SignedJWT.parse(out.strip()).getJWTClaimsSet().toJSONObject();
    }
}
