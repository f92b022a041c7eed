package dev.labauth.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy events the local gateway builds carry every field of the proxy events AWS documents. */
class ProxyEventShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "/testdata/apigateway/aws-lambda-go/apigw-request.json",
        "/testdata/apigateway/aws-docs/set-up-lambda-proxy-integrations__03.json"})
    @SuppressWarnings("unchecked")
    void builtEventsCarryTheFieldsOfAwsSamples(String sample) throws Exception {
        Map<String, Object> aws;
        try (InputStream in = getClass().getResourceAsStream(sample)) {
            aws = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        AuthorizerAnswer answer = AuthorizerAnswer.parse(Map.of("principalId", "auth0|abc",
                "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of()),
                "context", Map.of("sub", "auth0|abc", "email_verified", true)));
        ProxyEvent.Request request = new ProxyEvent.Request("GET", "/experiments/1", "/experiments/{id}",
                Map.of("Accept", List.of("*/*")), Map.of("q", List.of("1")), Map.of("id", "1"), null,
                "127.0.0.1", "req-1", Instant.parse("2026-12-01T10:00:00Z"), "127.0.0.1:3000");

        Map<String, Object> built = JSONObjectUtils.parse(JSONObjectUtils.toJSONString(ProxyEvent.build(request, "dev", answer)));

        assertThat(built).containsKeys(aws.keySet().toArray(String[]::new));
        Map<String, Object> awsContext = (Map<String, Object>) aws.get("requestContext");
        Map<String, Object> context = (Map<String, Object>) built.get("requestContext");
        assertThat(context).containsKeys(awsContext.keySet().toArray(String[]::new));
        assertThat((Map<String, Object>) context.get("identity"))
                .containsKeys(((Map<String, Object>) awsContext.get("identity")).keySet().toArray(String[]::new));
        assertThat((Map<String, Object>) context.get("authorizer"))
                .containsEntry("principalId", "auth0|abc").containsEntry("email_verified", "true");
        assertThat(context).containsEntry("path", "/dev/experiments/1").containsEntry("resourcePath", "/experiments/{id}");
    }
}
