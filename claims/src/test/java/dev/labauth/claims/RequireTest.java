package dev.labauth.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 403 answers, checked as the bytes the Lambda Java runtime would return to API Gateway. */
class RequireTest {
    private static final CallerResult MEMBER = new CallerResult.Authenticated(new Caller("auth0|abc",
            Set.of("openid"), Set.of("read:experiments"), Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));
    private static final CallerResult NOBODY = new CallerResult.Unauthenticated("no authorizer block");

    private static <T> String runtimeBytes(Class<T> type, T response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(type, RequireTest.class.getClassLoader()).toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCallerWithTheScopeOrPermissionPasses() {
        assertThat(Require.scope(MEMBER, "read:experiments")).isEmpty();
        assertThat(Require.scope(MEMBER, "openid")).isEmpty();
        assertThat(Require.scopeHttpApi(MEMBER, "read:experiments")).isEmpty();
        assertThat(Require.authenticated(MEMBER)).isEmpty();
    }

    @Test
    void aMissingScopeIsA403WithTheBearerChallengeAndAJsonBody() {
        APIGatewayProxyResponseEvent response = Require.scope(MEMBER, "create:experiments").orElseThrow();

        String bytes = runtimeBytes(APIGatewayProxyResponseEvent.class, response);

        assertThat(bytes).contains("\"statusCode\":403")
                .contains("\"Content-Type\":\"application/json\"")
                .contains("\"WWW-Authenticate\":\"Bearer error=\\\"insufficient_scope\\\", scope=\\\"create:experiments\\\"\"");
        assertThat(response.getBody()).isEqualTo("{\"error\":\"insufficient_scope\","
                + "\"error_description\":\"the access token grants neither the scope nor the permission create:experiments\","
                + "\"required\":\"create:experiments\"}");
    }

    @Test
    void theHttpApiVariantCarriesTheSameAnswer() {
        APIGatewayV2HTTPResponse response = Require.scopeHttpApi(MEMBER, "create:experiments").orElseThrow();

        String bytes = runtimeBytes(APIGatewayV2HTTPResponse.class, response);

        assertThat(bytes).contains("\"statusCode\":403").contains("\"WWW-Authenticate\"");
        assertThat(response.getBody()).isEqualTo(Refusal.insufficientScope("create:experiments").body());
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void noCallerIsA403WithoutABearerChallenge() {
        APIGatewayProxyResponseEvent response = Require.scope(NOBODY, "read:experiments").orElseThrow();

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).doesNotContainKey("WWW-Authenticate");
        assertThat(response.getBody()).isEqualTo(
                "{\"error\":\"unauthenticated\",\"error_description\":\"no authorizer block\",\"required\":\"read:experiments\"}");
        assertThat(Require.authenticated(NOBODY).orElseThrow().getBody())
                .isEqualTo("{\"error\":\"unauthenticated\",\"error_description\":\"no authorizer block\"}");
        assertThat(Require.authenticatedHttpApi(NOBODY)).get().extracting(APIGatewayV2HTTPResponse::getStatusCode).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "quote\"d", "back\\slash"})
    void aRequiredScopeMustBeAScopeToken(String scope) {
        assertThatThrownBy(() -> Require.scope(MEMBER, scope)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descriptionsAreEscapedAsJson() {
        Refusal refusal = Refusal.forbidden("not_owner", "say \"hi\"\\\n\t\u0001é");

        assertThat(refusal.body()).isEqualTo(
                "{\"error\":\"not_owner\",\"error_description\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001é\"}");
        assertThat(refusal.toProxyResponse().getHeaders()).containsOnlyKeys("Content-Type");
    }
}
