package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Outcome;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our own failures answer 500: an error whose message is not {@code Unauthorized}, never a
 * policy or {@code isAuthorized}, whatever the token. JWKS unreachable, bad configuration, an ARN
 * that is not an execute-api ARN.
 */
class ServerFailureOutcomesTest {
    private static TestTenant deadTenant;
    private static String tokenOfDeadIssuer;
    private static TestTenant liveTenant;

    @BeforeAll
    static void startIssuers() {
        // Its tokens are genuine, but by the time they are checked nothing listens on its port.
        deadTenant = TestTenant.start();
        tokenOfDeadIssuer = deadTenant.validToken();
        deadTenant.close();
        liveTenant = TestTenant.start();
    }

    @AfterAll
    static void stop() {
        liveTenant.close();
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void jwksUnreachableIsOurFailureNotTheCallers(Handler handler) {
        Harness harness = deadTenant.remoteHarness();
        harness.run(handler, "Bearer " + tokenOfDeadIssuer).assertServerError("jwks_unavailable")
                .assertCredentialFingerprinted();
        // "No keys" is not remembered as an answer: the next request fails the same way, not as 401.
        harness.run(handler, "Bearer " + tokenOfDeadIssuer).assertServerError("jwks_unavailable");
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void engineWithoutSettingsFailsEveryRequestAsMisconfigured(Handler handler) {
        DecisionLines log = new DecisionLines();
        Harness harness = new Harness(AuthorizerEngine.fromEnvironment(Map.of(), log), log);
        List<String> atInit = log.all();
        assertThat(atInit).hasSize(1);
        assertThat(RuntimeJson.parse(atInit.get(0))).containsEntry("level", "ERROR");
        assertThat(atInit.get(0)).contains("AUTH0_AUDIENCE").contains("AUTH0_ISSUER");

        // Even a token that would be fine elsewhere; and a missing one is not turned into a 401 either.
        harness.run(handler, "Bearer " + tokenOfDeadIssuer).assertServerError("misconfigured");
        harness.run(handler, null).assertServerError("misconfigured");
    }

    @Test
    void engineWithAnUntrustworthyIssuerIsMisconfigured() {
        DecisionLines log = new DecisionLines();
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(
                Map.of("AUTH0_ISSUER", "http://lab.eu.auth0.com/", "AUTH0_AUDIENCE", TestTenant.AUDIENCE), log);
        new Harness(engine, log).run(Handler.TOKEN, "Bearer " + tokenOfDeadIssuer).assertServerError("misconfigured");
    }

    @ParameterizedTest
    @EnumSource(value = Handler.class, names = {"TOKEN", "REQUEST", "HTTP"})
    void arnThatIsNotAnExecuteApiArnIsMisconfigured(Handler handler) {
        Harness harness = liveTenant.remoteHarness();
        String arnField = handler == Handler.HTTP ? "routeArn" : "methodArn";
        String credential = "Bearer " + liveTenant.validToken();
        Outcome outcome = harness.run(handler,
                handler.sample().event().credential(credential).set(arnField, "arn:aws:lambda:us-east-1:123456789012:function:x"),
                credential);
        outcome.assertServerError("misconfigured");
        assertThat(outcome.decision()).containsEntry("resource", "arn:aws:lambda:us-east-1:123456789012:function:x");
        // The same token on a proper ARN is allowed: the ARN alone made the difference.
        harness.run(handler, credential).assertAllowed();
    }
}
