package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
    private static DevIssuer issuer;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void startIssuer() throws IOException {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        env = Map.of("AUTH0_ISSUER", issuer.issuer(), "AUTH0_AUDIENCE", DevTenant.DEFAULT_AUDIENCE);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void tokenAuthorizerAnswersWithThePolicyBytesTheRuntimeWrites() throws Exception {
        Path event = write("event.json", tokenEvent("Bearer " + validToken()));

        CliRun run = CliRun.of(env, "", "invoke", "token-authorizer", "--event", event.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"Version\":\"2012-10-17\"", "\"Statement\"", "\"Effect\":\"Allow\"",
                "\"principalId\":\"lab-worker@clients\"").doesNotContain("\"Condition\"");
        Map<String, Object> response = JSONObjectUtils.parse(run.out());
        assertThat(response).containsKeys("principalId", "policyDocument", "context");
    }

    @Test
    void aRefusedTokenPrintsLambdasErrorObjectAndExitsOne() throws Exception {
        Path event = write("event.json", tokenEvent("Bearer " + expiredToken()));

        CliRun run = CliRun.of(env, "", "invoke", "token-authorizer", "--event", event.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(JSONObjectUtils.parse(run.out())).containsEntry("errorMessage", "Unauthorized")
                .containsEntry("errorType", "dev.labauth.authorizer.Unauthorized");
        assertThat(run.err()).contains("\"Reason\":\"expired\"");
    }

    @Test
    void jsonLinesAreAnsweredOneByOneByOneWarmInstance() throws Exception {
        int fetchesBefore = issuer.jwksRequests();
        String stdin = String.join("\n",
                tokenEvent("Bearer " + validToken()),
                tokenEvent("Bearer not-a-jwt"),
                "",
                tokenEvent("Bearer " + validToken())) + "\n";

        CliRun run = CliRun.of(env, stdin, "invoke", "token-authorizer", "--event", "-");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"Effect\":\"Allow\"");
        assertThat(lines.get(1)).contains("\"errorMessage\":\"Unauthorized\"");
        assertThat(lines.get(2)).contains("\"Effect\":\"Allow\"");
        // One warm instance: the key set was fetched once for both good tokens.
        assertThat(issuer.jwksRequests() - fetchesBefore).isEqualTo(1);
    }

    @Test
    void anUnknownFunctionIsAUsageError() {
        CliRun run = CliRun.of(env, "", "invoke", "no-such-function", "--event", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("token-authorizer", "request-authorizer", "http-authorizer");
    }

    @Test
    void withoutConfigurationEveryRequestFailsAsOurs() throws Exception {
        Path event = write("event.json", tokenEvent("Bearer " + validToken()));

        CliRun run = CliRun.of(Map.of(), "", "invoke", "token-authorizer", "--event", event.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat((String) JSONObjectUtils.parse(run.out()).get("errorMessage"))
                .isNotEqualTo("Unauthorized").contains("misconfigured");
        assertThat(run.err()).contains("AUTH0_AUDIENCE is required");
    }

    private static String validToken() {
        return issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", Instant.now())
                .audience(DevTenant.DEFAULT_AUDIENCE).scope("read:experiments").toMap());
    }

    private static String expiredToken() {
        return issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", Instant.now().minus(Duration.ofDays(3)))
                .audience(DevTenant.DEFAULT_AUDIENCE).toMap());
    }

    /** AWS's sample TOKEN event, as shipped for the demo, with a real Authorization value. */
    static String tokenEvent(String authorization) throws IOException, ParseException {
        try (InputStream in = InvokeCommandTest.class.getResourceAsStream("/demo/events/aws-lambda-go/apigw-custom-auth-request.json")) {
            Map<String, Object> event = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            event.put("authorizationToken", authorization);
            // AWS's sample names a route the lab does not have; the access rules decide by route.
            event.put("methodArn", "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/experiments");
            return JSONObjectUtils.toJSONString(event);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
