package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What a newcomer types first: help, and the usage mistakes a newcomer found. */
class CommandLineUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "dev", "explain", "invoke", "token", "verify"})
    void everySubcommandHasHelp(String command) {
        CliRun run = CliRun.of(Map.of(), "", command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: labauth " + command);
    }

    @Test
    void theHelpCommandNamesEachCommandInAWholeSentence() {
        CliRun top = CliRun.of(Map.of(), "", "--help");
        CliRun help = CliRun.of(Map.of(), "", "help", "dev");

        assertThat(top.out().replaceAll("\\s+", " ")).contains("Run the lab API on this machine until interrupted, with a dev Auth0 tenant.");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: labauth dev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "99999999999999999", "253402300800"})
    void aNowThatIsNoInstantIsAUsageError(String now) {
        CliRun run = CliRun.of(Map.of(), "", "verify", "a.b.c", "--issuer", "http://127.0.0.1:9/", "--audience", "x", "--now", now);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--now");
    }

    @Test
    void aPastedAuthorizationValueGetsAHint() {
        CliRun run = CliRun.of(Map.of(), "", "verify", "Bearer a.b.c", "--issuer", "http://127.0.0.1:9/", "--audience", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("without the 'Bearer '");
    }

    @Test
    void devRefusesOnePortForBoth() {
        CliRun run = CliRun.of(Map.of(), "", "dev", "--api-port", "3999", "--issuer-port", "3999");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must differ");
    }

    @Test
    void theLocalAuthorizerTakesTuningButNotTrustFromTheShell() {
        Map<String, String> env = LocalStack.localEnvironment(
                Map.of("AUTH0_DOMAIN", "lab.eu.auth0.com", "AUTH0_AUDIENCE", "https://api.lab.local"),
                "http://127.0.0.1:3001/",
                Map.of("AUTH0_JWKS_CACHE_SECONDS", "10", "AUTH0_ISSUER", "https://elsewhere.example/",
                        "AUTH0_AUDIENCE", "https://other", "ACCESS_RULES", "/tmp/rules.yaml", "HOME", "/root",
                        "LABAUTH_TOKEN_CACHE_SECONDS", "0"));

        assertThat(env).containsEntry("AUTH0_ISSUER", "http://127.0.0.1:3001/").containsEntry("AUTH0_AUDIENCE", "https://api.lab.local")
                .containsEntry("AUTH0_JWKS_CACHE_SECONDS", "10").containsEntry("ACCESS_RULES", "/tmp/rules.yaml")
                .containsEntry("LABAUTH_TOKEN_CACHE_SECONDS", "0")
                .doesNotContainKeys("AUTH0_DOMAIN", "HOME");
    }
}
