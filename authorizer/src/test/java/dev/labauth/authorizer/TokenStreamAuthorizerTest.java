package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.Sample;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream handler gives exactly TokenAuthorizer's answer for the same event: the same JSON (compared
 * parsed with the bytes the Lambda runtime writes for TokenAuthorizer), the same thrown error, the same
 * log line. Input that is not a TOKEN event is a logged 500, never an answer.
 */
class TokenStreamAuthorizerTest {
    private static final String ISSUER = "https://lab.eu.auth0.com/";
    private static final String API = "https://api.lab.example";
    private static final String STAGE = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/";
    private static final DevSigningKey KEY = DevSigningKey.generate();
    private static final Clock LOG_CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final DecisionLines log = new DecisionLines();
    private final AuthorizerEngine engine = AuthorizerEngine.of(new Gatekeeper(new TokenVerifier(
            VerifierSettings.fromEnvironment(Map.of(VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, API)),
            issuer -> new FixedKeySource(new JWKSet(KEY.publicJwk())), Clock.systemUTC()), AccessRulesFile.bundled()),
            new DecisionLog(log, LOG_CLOCK));

    /** What one handler made of one event: the answer as JSON, or what it threw; and its log line. */
    private record Answer(Map<String, Object> json, Class<?> error, String message, List<String> lines) {
    }

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"TOKEN_GO", "TOKEN_DOCS"})
    void awsSampleEvents_asWritten_andWithAGoodToken(Sample sample) {
        assertSameAnswer(sample.json());

        Map<String, Object> event = RuntimeJson.parse(sample.json());
        event.put("authorizationToken", "Bearer " + token(reader()));
        event.put("methodArn", STAGE + "GET/experiments");
        Answer answer = assertSameAnswer(RuntimeJson.toJson(event));
        assertThat(answer.error()).isNull();
    }

    @Test
    void allow_withClaimsThatNeedEscaping() {
        String token = token(AccessTokenClaims.forUser(ISSUER, "auth0|alice \"quoted\"\n\\", "lab-spa", Instant.now())
                .audiences(List.of(API, ISSUER + "userinfo")).scope("openid read:experiments")
                .permissions(List.of("read:experiments", "create:experiments"))
                .claim("https://labauth.dev/roles", List.of("lab-member")).claim("email_verified", true)
                .claim("ratio", 0.5).claim("big", 12345678901L).claim("note", "é ✓ \u2028 \u0001 </script>"));

        Answer answer = assertSameAnswer(event("Bearer " + token, STAGE + "GET/experiments"));

        assertThat(answer.error()).isNull();
        assertThat(answer.json()).containsEntry("principalId", "auth0|alice \"quoted\"\n\\");
        assertThat(answer.lines()).singleElement().asString().contains("\"Outcome\":\"allow\"");
    }

    @Test
    void deny_aForbiddenRouteIsTheSamePolicyAndContext() {
        Answer answer = assertSameAnswer(event("Bearer " + token(reader()), STAGE + "POST/experiments"));

        assertThat(answer.error()).isNull();
        assertThat(answer.json().get("context").toString()).contains("insufficient_scope");
        assertThat(answer.lines()).singleElement().asString().contains("\"Outcome\":\"forbidden\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer", ""})
    void unauthorized_theSameErrorAndReason(String authorization) {
        Answer answer = assertSameAnswer(event(authorization, STAGE + "GET/me"));

        assertThat(answer.error()).isEqualTo(Unauthorized.class);
        assertThat(answer.message()).isEqualTo("Unauthorized");
    }

    @Test
    void unauthorized_noAuthorizationTokenMemberAtAll() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "TOKEN");
        event.put("methodArn", STAGE + "GET/me");

        Answer answer = assertSameAnswer(RuntimeJson.toJson(event));

        assertThat(answer.error()).isEqualTo(Unauthorized.class);
        assertThat(answer.lines()).singleElement().asString().contains("\"Reason\":\"missing_token\"");
    }

    @Test
    void serverError_anArnThatIsNoExecuteApiArn_orNone() {
        Answer badArn = assertSameAnswer(event("Bearer " + token(reader()), "arn:aws:lambda:eu-west-1:123456789012:function:x"));
        Map<String, Object> noArn = new LinkedHashMap<>();
        noArn.put("type", "TOKEN");
        noArn.put("authorizationToken", "Bearer " + token(reader()));
        Answer missingArn = assertSameAnswer(RuntimeJson.toJson(noArn));

        for (Answer answer : List.of(badArn, missingArn)) {
            assertThat(answer.error()).isEqualTo(AuthorizerFailure.class);
            assertThat(answer.lines()).singleElement().asString().contains("\"Reason\":\"misconfigured\"");
        }
    }

    @Test
    void serverError_aMisconfiguredEngine() {
        AuthorizerEngine misconfigured = AuthorizerEngine.fromEnvironment(Map.of(), line -> { });
        String event = event("Bearer " + token(reader()), STAGE + "GET/me");

        Throwable streamed = thrown(() -> stream(misconfigured, event));
        Throwable pojo = thrown(() -> new TokenAuthorizer(misconfigured).handleRequest(
                RuntimeJson.read(event, APIGatewayCustomAuthorizerEvent.class), null));

        assertThat(streamed).isInstanceOf(AuthorizerFailure.class).hasMessage(pojo.getMessage())
                .hasMessage("authorizer failure: misconfigured");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json",
        "",
        "[]",
        "\"TOKEN\"",
        "null",
        "{\"type\":\"TOKEN\",\"authorizationToken\":12345,\"methodArn\":\"" + STAGE + "GET/me\"}",
        "{\"type\":\"TOKEN\",\"authorizationToken\":[\"Bearer a.b.c\"],\"methodArn\":\"" + STAGE + "GET/me\"}",
        "{\"type\":\"TOKEN\",\"authorizationToken\":{\"Bearer\":\"a.b.c\"},\"methodArn\":\"" + STAGE + "GET/me\"}",
        "{\"type\":\"TOKEN\",\"authorizationToken\":true,\"methodArn\":\"" + STAGE + "GET/me\"}",
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer a.b.c\",\"methodArn\":42}",
        "{\"type\":7,\"authorizationToken\":\"Bearer a.b.c\",\"methodArn\":\"" + STAGE + "GET/me\"}",
        "{\"authorizationToken\":\"Bearer a.b.c\",\"authorizationToken\":\"Bearer x.y.z\",\"methodArn\":\"" + STAGE + "GET/me\"}"})
    void notATokenEvent_isALogged500_neverAnAnswer(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Throwable error = thrown(() -> new TokenStreamAuthorizer(engine)
                .handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null));

        assertThat(error).isInstanceOf(AuthorizerFailure.class).hasMessage("authorizer failure: misconfigured");
        assertThat(out.size()).isZero();
        assertThat(log.decisions()).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("Outcome", "error").containsEntry("Reason", "misconfigured").containsEntry("Authorizer", "token")
                .doesNotContainKey("credentialSha256"));
        assertThat(log.all().get(0)).doesNotContain("a.b.c").doesNotContain("x.y.z");
    }

    /**
     * Found by a newcomer: with a genuine token, an event that is an array of [name, value] pairs (Gson
     * reads those as an object) or whose type is not TOKEN is still not a TOKEN event, for both handlers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pairs", "REQUEST", "token", "absent"})
    void notATokenEvent_evenWithAGenuineToken(String kind) {
        String authorization = "Bearer " + token(reader());
        String arn = STAGE + "GET/experiments";
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        if (!kind.equals("absent")) {
            event.put("type", kind.equals("pairs") ? "TOKEN" : kind);
        }
        event.put("authorizationToken", authorization);
        event.put("methodArn", arn);
        String json = kind.equals("pairs")
                ? "[[\"type\",\"TOKEN\"],[\"authorizationToken\",\"" + authorization + "\"],[\"methodArn\",\"" + arn + "\"]]"
                : RuntimeJson.toJson(event);

        Throwable streamed = thrown(() -> new TokenStreamAuthorizer(engine)
                .handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));

        assertThat(streamed).isInstanceOf(AuthorizerFailure.class).hasMessage("authorizer failure: misconfigured");
        if (!kind.equals("pairs")) {
            APIGatewayCustomAuthorizerEvent pojo = new APIGatewayCustomAuthorizerEvent();
            pojo.setType((String) event.get("type"));
            pojo.setAuthorizationToken(authorization);
            pojo.setMethodArn(arn);
            assertThat(thrown(() -> new TokenAuthorizer(engine).handleRequest(pojo, null)))
                    .isInstanceOf(AuthorizerFailure.class).hasMessage("authorizer failure: misconfigured");
        }
        assertThat(log.decisions()).allSatisfy(line -> assertThat(line).containsEntry("Reason", "misconfigured"));
    }

    @Test
    void notATokenEvent_tooLargeOrTooDeep() {
        String large = event("Bearer " + "a".repeat(StreamAnswers.MAX_EVENT_BYTES), STAGE + "GET/me");
        String deep = "{\"type\":\"TOKEN\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        for (String input : List.of(large, deep)) {
            Throwable error = thrown(() -> stream(engine, input));
            assertThat(error).isInstanceOf(AuthorizerFailure.class).hasMessage("authorizer failure: misconfigured");
        }
        assertThat(log.decisions()).extracting(line -> line.get("description"))
                .containsExactly("the event is larger than " + StreamAnswers.MAX_EVENT_BYTES + " bytes",
                        "the event is not a JSON object");
    }

    /** Runs both handlers on the event and asserts they agree in every respect; returns the stream handler's. */
    private Answer assertSameAnswer(String eventJson) {
        Answer streamed = streamAnswer(eventJson);
        Answer pojo = pojoAnswer(eventJson);
        assertThat(streamed.error()).isEqualTo(pojo.error());
        assertThat(streamed.message()).isEqualTo(pojo.message());
        assertThat(streamed.json()).isEqualTo(pojo.json());
        assertThat(streamed.lines()).isEqualTo(pojo.lines()).hasSize(1);
        return streamed;
    }

    private Answer streamAnswer(String eventJson) {
        int before = log.size();
        try {
            return new Answer(RuntimeJson.parse(stream(engine, eventJson)), null, null, log.since(before));
        } catch (RuntimeException | IOException e) {
            return new Answer(null, e.getClass(), e.getMessage(), log.since(before));
        }
    }

    /** TokenAuthorizer as the Lambda runtime runs it: its deserialiser in, its serialiser out. */
    private Answer pojoAnswer(String eventJson) {
        int before = log.size();
        try {
            IamPolicyResponse response = new TokenAuthorizer(engine).handleRequest(
                    RuntimeJson.read(eventJson, APIGatewayCustomAuthorizerEvent.class), null);
            return new Answer(RuntimeJson.parse(RuntimeJson.write(response, IamPolicyResponse.class)), null, null,
                    log.since(before));
        } catch (RuntimeException e) {
            return new Answer(null, e.getClass(), e.getMessage(), log.since(before));
        }
    }

    private static String stream(AuthorizerEngine engine, String eventJson) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TokenStreamAuthorizer(engine).handleRequest(
                new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Throwable thrown(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }

    private static AccessTokenClaims reader() {
        return AccessTokenClaims.forUser(ISSUER, "auth0|reader", "lab-spa", Instant.now())
                .audiences(List.of(API, ISSUER + "userinfo")).scope("openid read:experiments")
                .claim("jti", java.util.UUID.randomUUID().toString());
    }

    private static String token(AccessTokenClaims claims) {
        return TokenMinter.sign(KEY, claims.toMap());
    }

    private static String event(String authorization, String methodArn) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "TOKEN");
        event.put("authorizationToken", authorization);
        event.put("methodArn", methodArn);
        return RuntimeJson.toJson(event);
    }
}
