package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AWS sample events, unedited, read the way the Lambda Java runtime reads a handler's input:
 * {@code JacksonFactory} into the handler's declared event type.
 */
class RuntimeDeserialisationTest {

    @Test
    void tokenSamplesReadAsTheTokenAuthorizersInput() {
        for (Sample sample : List.of(Sample.TOKEN_GO, Sample.TOKEN_DOCS)) {
            APIGatewayCustomAuthorizerEvent event = RuntimeJson.read(sample.json(), APIGatewayCustomAuthorizerEvent.class);
            assertThat(event.getType()).isEqualTo("TOKEN");
            assertThat(event.getAuthorizationToken()).isEqualTo("allow");
            assertThat(event.getMethodArn()).isEqualTo("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/");
        }
    }

    @Test
    void restRequestSampleKeepsHeaderCaseAndMultiValueHeaders() {
        RestRequestAuthorizerEvent event = RuntimeJson.read(Sample.REQUEST_GO.json(), RestRequestAuthorizerEvent.class);
        assertThat(event.getMethodArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/test/GET/request");
        assertThat(event.getHeaders()).containsEntry("HeaderAuth1", "headerValue1");
        assertThat(event.getMultiValueHeaders()).containsEntry("HeaderAuth1", List.of("headerValue1"));
        assertThat(event.getRequestContext().getStage()).isEqualTo("test");
    }

    @Test
    void restRequestSampleWithoutMultiValueHeadersAndHttpPayloadOneReadToo() {
        RestRequestAuthorizerEvent docs = RuntimeJson.read(Sample.REQUEST_DOCS.json(), RestRequestAuthorizerEvent.class);
        assertThat(docs.getMultiValueHeaders()).isNull();
        assertThat(docs.getHeaders()).containsEntry("HeaderAuth1", "headerValue1");

        RestRequestAuthorizerEvent v1 = RuntimeJson.read(Sample.HTTP_V1_DOCS.json(), RestRequestAuthorizerEvent.class);
        assertThat(v1.getVersion()).isEqualTo("1.0");
        assertThat(v1.getIdentitySource()).isEqualTo("user1,123");
        assertThat(v1.getMethodArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request");
    }

    @Test
    void httpApiSamplesReadCompletelyRequestContextIncluded() {
        for (Sample sample : List.of(Sample.HTTP_V2_GO, Sample.HTTP_V2_DOCS)) {
            HttpApiAuthorizerEvent event = RuntimeJson.read(sample.json(), HttpApiAuthorizerEvent.class);
            assertThat(event.getVersion()).isEqualTo("2.0");
            assertThat(event.getRouteArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request");
            assertThat(event.getIdentitySource()).containsExactly("user1", "123");
            assertThat(event.getRouteKey()).isEqualTo("$default");
            assertThat(event.getHeaders()).containsEntry("Header1", "value1");
        }
    }

    /**
     * Why the HTTP API handlers do not take the events library's 2.0 type: its request context
     * declares a joda-time field, joda-time is excluded from the deployment jar, and so the runtime
     * could not read any event API Gateway sends (they all carry {@code requestContext}).
     */
    @Test
    void eventsLibraryHttpApiTypeCannotBeReadWithoutJodaTime() {
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime"))
                .as("joda-time is not on the authorizer's runtime classpath")
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> RuntimeJson.read(Sample.HTTP_V2_DOCS.json(), APIGatewayV2CustomAuthorizerEvent.class))
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("org/joda/time");
    }
}
