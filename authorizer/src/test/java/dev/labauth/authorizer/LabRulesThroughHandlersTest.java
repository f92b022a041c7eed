package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.rules.Globs;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's own rules (deploy/access-rules.yaml, as bundled) deciding through the real handlers. */
class LabRulesThroughHandlersTest {
    private static final String STAGE = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/";
    private static DevIssuer issuer;
    private static AuthorizerEngine engine;
    private static final List<String> LOG = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of(VerifierSettings.ISSUER, issuer.issuer(), VerifierSettings.AUDIENCE, DevTenant.DEFAULT_AUDIENCE));
        engine = AuthorizerEngine.of(new Gatekeeper(TokenVerifier.remote(settings), AccessRulesFile.bundled()),
                new DecisionLog(LOG::add, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static String token(String scope, List<String> permissions) {
        return issuer.sign(AccessTokenClaims.forUser(issuer.issuer(), "auth0|someone", "lab-spa", Instant.now())
                .audience(DevTenant.DEFAULT_AUDIENCE).scope(scope).permissions(permissions).toMap());
    }

    private static IamPolicyResponse token(String token, String route) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("TOKEN");
        event.setAuthorizationToken("Bearer " + token);
        event.setMethodArn(STAGE + route);
        return new TokenAuthorizer(engine).handleRequest(event, null);
    }

    /** What API Gateway makes of the answer's bytes (as the runtime writes them) for this route. */
    @SuppressWarnings("unchecked")
    private static boolean allows(IamPolicyResponse response, String route) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance()
                .getSerializer(IamPolicyResponse.class).toJson(response, bytes);
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) json.get("policyDocument")).get("Statement");
        boolean allowed = false;
        for (Map<String, Object> s : statements) {
            boolean matches = ((List<String>) s.get("Resource")).stream().anyMatch(r -> Globs.matches(r, STAGE + route));
            if (matches && "Deny".equals(s.get("Effect"))) {
                return false;
            }
            allowed |= matches && "Allow".equals(s.get("Effect"));
        }
        return allowed;
    }

    @Test
    void c05TheFirstAnswerHoldsForTheNextRoutes() {
        String reader = token("openid read:experiments", List.of("read:experiments"));

        IamPolicyResponse first = token(reader, "GET/experiments");

        // API Gateway caches `first` for this token and evaluates it for the next two requests.
        assertThat(allows(first, "GET/experiments")).isTrue();
        assertThat(allows(first, "GET/me")).isTrue();
        assertThat(allows(first, "POST/experiments")).isFalse();
        assertThat(allows(first, "DELETE/experiments/1")).isFalse();
    }

    @Test
    void c18NamesMatchExactly() {
        String a = token("openid profile", List.of("create:experiments"));
        String b = token("create:experiments-admin", List.of("create:experiments:self"));
        String c = token("openid", List.of());

        assertThat(allows(token(a, "POST/experiments"), "POST/experiments")).as("A: the permission counts as the scope").isTrue();
        assertThat(allows(token(b, "POST/experiments"), "POST/experiments")).as("B: near names are not the name").isFalse();
        assertThat(allows(token(c, "POST/experiments"), "POST/experiments")).as("C: neither claim").isFalse();
    }

    @Test
    void aForbiddenRouteIsADenyWhoseContextSaysWhatWasRequired() throws Exception {
        String guest = token("openid", List.of());
        LOG.clear();

        IamPolicyResponse answer = token(guest, "POST/experiments");

        assertThat(allows(answer, "POST/experiments")).isFalse();
        assertThat(answer.getPrincipalId()).isEqualTo("auth0|someone");
        assertThat(answer.getContext()).containsEntry("reason", "insufficient_scope")
                .containsEntry("required", "scope:create:experiments, users only");
        Map<String, Object> line = JSONObjectUtils.parse(LOG.get(0));
        assertThat(line).containsEntry("Outcome", "forbidden").containsEntry("Reason", "insufficient_scope")
                .containsEntry("sub", "auth0|someone");
        assertThat(LOG.get(0)).doesNotContain(guest);
    }

    @Test
    void anAllowedRouteCarriesNoRefusalInItsContext() {
        IamPolicyResponse answer = token(token("openid", List.of()), "GET/me");

        assertThat(allows(answer, "GET/me")).isTrue();
        assertThat(answer.getContext()).doesNotContainKeys("reason", "required");
    }

    @Test
    void aSimpleResponseAnswersForItsOwnRouteOnly() {
        String reader = token("read:experiments", List.of());
        HttpApiAuthorizerEvent event = new HttpApiAuthorizerEvent();
        event.setHeaders(Map.of("authorization", "Bearer " + reader));

        event.setRouteArn(STAGE + "GET/experiments");
        SimpleIAMPolicyResponse read = new HttpApiSimpleAuthorizer(engine).handleRequest(event, null);
        event.setRouteArn(STAGE + "POST/experiments");
        SimpleIAMPolicyResponse create = new HttpApiSimpleAuthorizer(engine).handleRequest(event, null);

        assertThat(read.getIsAuthorized()).isTrue();
        assertThat(create.getIsAuthorized()).isFalse();
        assertThat(create.getContext()).containsEntry("reason", "insufficient_scope");
    }
}
