package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Outcome;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.Sample;
import dev.labauth.authorizer.testing.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C-16 HTTP API 2.0 shapes: {@code "identitySource": null} (no identity source configured), a
 * {@code routeArn} on the {@code $default} stage, the header in lower case. The event is edited as
 * text, so the runtime's deserialiser reads the literal null.
 */
class HttpApiShapesTest {
    private static final String DEFAULT_STAGE_ROUTE = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/request";

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
        return Stream.of(Handler.HTTP, Handler.HTTP_SIMPLE)
                .flatMap(h -> Stream.of(Sample.HTTP_V2_GO, Sample.HTTP_V2_DOCS).map(s -> Arguments.of(h, s)));
    }

    /** The sample with the C-16 edits, as text; {@code credential} null leaves the headers as AWS wrote them. */
    private static String c16Event(Sample sample, String credential) {
        String json = replaceOnce(sample.json(), "\"identitySource\": [\"user1\", \"123\"]", "\"identitySource\": null");
        json = replaceOnce(json, "abcdef123/test/GET/request", "abcdef123/$default/GET/request");
        if (credential != null) {
            json = replaceOnce(json, "\"headers\": {", "\"headers\": {\"authorization\": \"" + credential + "\", ");
        }
        return json;
    }

    private static String replaceOnce(String text, String placeholder, String replacement) {
        int at = text.indexOf(placeholder);
        assertThat(at).as("placeholder %s in the sample", placeholder).isNotNegative();
        assertThat(text.indexOf(placeholder, at + 1)).as("placeholder %s occurs once", placeholder).isNegative();
        return text.substring(0, at) + replacement + text.substring(at + placeholder.length());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("handlersOnSamples")
    void nullIdentitySourceDefaultStageAndLowerCaseHeaderIsAllowed(Handler handler, Sample sample) {
        String credential = "Bearer " + tenant.validToken();
        String json = c16Event(sample, credential);
        HttpApiAuthorizerEvent read = RuntimeJson.read(json, HttpApiAuthorizerEvent.class);
        assertThat(read.getIdentitySource()).isNull();
        assertThat(read.getRouteArn()).isEqualTo(DEFAULT_STAGE_ROUTE);

        Outcome outcome = harness.runJson(handler, json, credential);
        Map<String, Object> answer = outcome.assertAllowed();
        if (handler.answersWithPolicy()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> statements = (List<Map<String, Object>>)
                    ((Map<String, Object>) answer.get("policyDocument")).get("Statement");
            assertThat(statements).singleElement().satisfies(s -> assertThat(s.get("Resource"))
                    .isEqualTo(TestTenant.everyRouteOf("arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/")));
        } else {
            assertThat(answer).containsEntry("isAuthorized", true);
        }
        assertThat(outcome.decision()).containsEntry("resource", DEFAULT_STAGE_ROUTE);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("handlersOnSamples")
    void sameEventWithoutTheHeaderIsUnauthorizedNotADeserialisationFailure(Handler handler, Sample sample) {
        String json = c16Event(sample, null);
        HttpApiAuthorizerEvent read = RuntimeJson.read(json, HttpApiAuthorizerEvent.class);
        assertThat(read.getIdentitySource()).isNull();
        assertThat(read.getHeaders()).doesNotContainKeys("authorization", "Authorization");

        harness.runJson(handler, json, null).assertUnauthorized("missing_token");
    }
}
