package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Outcome;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.Sample;
import dev.labauth.authorizer.testing.TestTenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A valid token through every handler on every AWS sample of its input type, with the production
 * verifier (JWKS fetched over HTTP from the dev issuer). C-01: the bytes the runtime writes are
 * what API Gateway reads. C-05 (light): the Allow covers the whole stage of the request's ARN.
 */
class AllowedAnswersTest {
    private static TestTenant tenant;
    private static Harness harness;

    @BeforeAll
    static void start() {
        tenant = TestTenant.start();
        harness = tenant.remoteHarness();
    }

    @AfterAll
    static void stop() {
        tenant.close();
    }

    static Stream<Arguments> handlersOnSamples() {
        return Stream.of(
                Arguments.of(Handler.TOKEN, Sample.TOKEN_GO, "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/"),
                Arguments.of(Handler.TOKEN, Sample.TOKEN_DOCS, "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/"),
                Arguments.of(Handler.REQUEST, Sample.REQUEST_GO, "arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/test/"),
                Arguments.of(Handler.REQUEST, Sample.REQUEST_DOCS, "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/"),
                Arguments.of(Handler.REQUEST, Sample.HTTP_V1_DOCS, "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/"),
                Arguments.of(Handler.HTTP, Sample.HTTP_V2_GO, "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/"),
                Arguments.of(Handler.HTTP, Sample.HTTP_V2_DOCS, "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/"),
                Arguments.of(Handler.HTTP_SIMPLE, Sample.HTTP_V2_GO, null),
                Arguments.of(Handler.HTTP_SIMPLE, Sample.HTTP_V2_DOCS, null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("handlersOnSamples")
    void validTokenIsAllowedAndTheResponseBytesAreWhatApiGatewayReads(Handler handler, Sample sample, String stagePrefix) {
        String credential = "Bearer " + tenant.validToken();
        Outcome outcome = harness.run(handler, sample, credential);
        Map<String, Object> answer = outcome.assertAllowed();
        byte[] bytes = handler.responseBytes(outcome.response());
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(text).as("no JSON null anywhere (C-01: no \"Condition\":null)").doesNotContain("null");
        if (handler.answersWithPolicy()) {
            assertPolicyAllowsStage(answer, text, stagePrefix);
        } else {
            assertThat(text).contains("\"isAuthorized\":true");
            assertThat(answer.keySet()).containsExactlyInAnyOrder("isAuthorized", "context");
            assertThat(answer.get("isAuthorized")).isEqualTo(Boolean.TRUE);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) answer.get("context");
        assertThat(context).containsEntry("sub", TestTenant.USER).containsEntry("clientId", TestTenant.WEB_CLIENT);

        Map<String, Object> line = outcome.decision();
        assertThat(line).containsEntry("sub", TestTenant.USER);
        assertThat(line.get("resource")).isEqualTo(sample.event().get(handler == Handler.TOKEN || handler == Handler.REQUEST
                ? "methodArn" : "routeArn"));
    }

    private static void assertPolicyAllowsStage(Map<String, Object> answer, String text, String stageArn) {
        assertThat(text).contains("\"Version\":\"2012-10-17\"").contains("\"Statement\":[")
                .contains("\"principalId\":").doesNotContain("Condition");
        assertThat(answer.keySet()).containsExactlyInAnyOrder("principalId", "policyDocument", "context");
        assertThat(answer).containsEntry("principalId", TestTenant.USER);
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) answer.get("policyDocument");
        assertThat(document.keySet()).containsExactlyInAnyOrder("Version", "Statement");
        assertThat(document).containsEntry("Version", "2012-10-17");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        assertThat(statements).hasSize(1);
        Map<String, Object> statement = statements.get(0);
        assertThat(statement.keySet()).containsExactlyInAnyOrder("Effect", "Action", "Resource");
        assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke");
        // The policy is compiled from the rules (here: any valid token on any route) over the whole stage,
        // so an answer API Gateway caches for one route stays right for every other (C-05).
        assertThat(statement.get("Resource")).isEqualTo(TestTenant.everyRouteOf(stageArn));
        assertThat(stageArn.length()).isLessThan(512);
    }

    /** A machine token from the dev issuer's real token endpoint (client-credentials grant), end to end. */
    @Test
    void machineTokenFromTheIssuersTokenEndpointIsAllowed() throws IOException, InterruptedException {
        String token = (String) requestToken(TestTenant.AUDIENCE).get("access_token");
        Outcome outcome = harness.run(Handler.TOKEN, "Bearer " + token);
        Map<String, Object> answer = outcome.assertAllowed();
        assertThat(answer).containsEntry("principalId", "lab-worker@clients");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) answer.get("context");
        assertThat(context).containsEntry("clientId", "lab-worker")
                .containsEntry("grantType", "client-credentials")
                .containsEntry("scope", "read:experiments");
    }

    /** C-13 for real: the same endpoint asked without an audience answers with an opaque token. */
    @Test
    void tokenRequestedWithoutAudienceIsRefusedAsOpaque() throws IOException, InterruptedException {
        String token = (String) requestToken(null).get("access_token");
        assertThat(token).doesNotContain(".");
        Outcome outcome = harness.run(Handler.TOKEN, "Bearer " + token).assertUnauthorized("opaque_token");
        assertThat(outcome.description()).contains("audience");
    }

    private static Map<String, Object> requestToken(String audience) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=lab-worker&client_secret=lab-worker-dev-secret"
                + (audience == null ? "" : "&audience=" + java.net.URLEncoder.encode(audience, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tenant.issuer().tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return RuntimeJson.parse(response.body());
    }
}
