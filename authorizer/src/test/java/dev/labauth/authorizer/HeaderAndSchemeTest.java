package dev.labauth.authorizer;

import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Sample;
import dev.labauth.authorizer.testing.SampleEvent;
import dev.labauth.authorizer.testing.TestTenant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * C-12 header and scheme case: the header name in any case, the scheme in any case with any run
 * of spaces; no scheme, another scheme, or a second credential is a 401.
 */
class HeaderAndSchemeTest {
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

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"REQUEST_GO", "REQUEST_DOCS", "HTTP_V1_DOCS"})
    void restRequestWithLowerCaseHeaderNameIsAllowed(Sample sample) {
        String credential = "Bearer " + tenant.validToken();
        harness.run(Handler.REQUEST, sample.event().header("authorization", credential), credential).assertAllowed();
    }

    @ParameterizedTest
    @EnumSource(value = Handler.class, names = {"HTTP", "HTTP_SIMPLE"})
    void httpApiWithLowerCaseSchemeIsAllowed(Handler handler) {
        harness.run(handler, "bearer " + tenant.validToken()).assertAllowed();
    }

    @Test
    void tokenWithUpperCaseSchemeAndTwoSpacesIsAllowed() {
        harness.run(Handler.TOKEN, "BEARER  " + tenant.validToken()).assertAllowed();
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void basicSchemeIsUnauthorized(Handler handler) {
        harness.run(handler, "Basic bGFiLXdvcmtlcjpsYWItd29ya2VyLWRldi1zZWNyZXQ=").assertUnauthorized("wrong_scheme");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void bareTokenWithoutSchemeIsUnauthorized(Handler handler) {
        harness.run(handler, tenant.validToken()).assertUnauthorized("wrong_scheme");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void commaJoinedSecondCredentialIsUnauthorized(Handler handler) {
        // Both tokens valid: the authorizer must not pick one. HTTP APIs join repeated headers this way.
        harness.run(handler, "Bearer " + tenant.validToken() + ",Bearer " + tenant.validToken())
                .assertUnauthorized("malformed");
        harness.run(handler, "Bearer " + tenant.validToken() + ", " + tenant.validToken())
                .assertUnauthorized("malformed");
    }

    @Test
    void twoDifferentAuthorizationValuesInMultiValueHeadersAreUnauthorized() {
        String first = "Bearer " + tenant.validToken();
        String second = "Bearer " + tenant.validToken();
        SampleEvent event = Sample.REQUEST_GO.event().multiValueHeader("Authorization", List.of(first, second));
        harness.run(Handler.REQUEST, event, second).assertUnauthorized("malformed");
    }

    @Test
    void twoDifferentValuesUnderHeaderNamesDifferingInCaseAreUnauthorized() {
        String first = "Bearer " + tenant.validToken();
        String second = "Bearer " + tenant.validToken();
        SampleEvent event = Sample.REQUEST_DOCS.event().header("Authorization", first).header("authorization", second);
        harness.run(Handler.REQUEST, event, second).assertUnauthorized("malformed");
    }

    @Test
    void requestAuthorizerReadsTheHeaderNotTheEchoedIdentitySource() {
        // HTTP API payload 1.0 echoes identity sources in identitySource/authorizationToken; the
        // sample's placeholders are left as they are and no Authorization header is sent.
        SampleEvent event = Sample.HTTP_V1_DOCS.event();
        harness.run(Handler.REQUEST, event, null).assertUnauthorized("missing_token");
    }
}
