package dev.labauth.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local gateway against a scripted authorizer: API Gateway's own rules, one test each. */
class LocalGatewayTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private static final List<String> REQUEST_LOG = new ArrayList<>();
    private static LocalGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        String yaml;
        try (InputStream in = LocalGatewayTest.class.getResourceAsStream("/gateway/test-template.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SamTemplate template = SamTemplate.parse(yaml, "test-template.yaml", Map.of("Greeting", "hi"));
        gateway = LocalGateway.start(0, template, (id, env) -> env, CLOCK, line -> {
            synchronized (REQUEST_LOG) {
                REQUEST_LOG.add(line);
            }
        });
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A token no other test uses, so that the authorizer cache starts empty for it. */
    private static String fresh(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anUnknownRouteIsMissingAuthenticationTokenWithoutAskingTheAuthorizer() throws Exception {
        String token = fresh("allow-all");
        HttpResponse<String> r = get("/nothing/here", token);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Missing Authentication Token");
        assertThat(ScriptedAuthorizer.invocations(token)).isZero();
    }

    @Test
    void aPathOutsideTheStageIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/items"))
                .header("Authorization", "Bearer allow-all").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Missing Authentication Token");
    }

    @Test
    void noIdentityHeaderIs401WithTheTemplatesGatewayResponseAndNoAuthorizerCall() throws Exception {
        int before = ScriptedAuthorizer.TOTAL.get();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/items")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"test\"");
        assertThat(JSONObjectUtils.parse(r.body())).containsEntry("message", "Unauthorized");
        assertThat(ScriptedAuthorizer.TOTAL.get()).isEqualTo(before);
    }

    @Test
    void anIdentityFailingTheValidationExpressionIs401WithoutAnAuthorizerCall() throws Exception {
        int before = ScriptedAuthorizer.TOTAL.get();
        HttpResponse<String> basic = send("GET", "/items", "Basic dXNlcjpwYXNz", null);
        HttpResponse<String> bare = send("GET", "/items", "allow-all", null);

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(ScriptedAuthorizer.TOTAL.get()).isEqualTo(before);
    }

    @Test
    void twoDifferentIdentityValuesAre401WithoutAnAuthorizerCall() throws Exception {
        int before = ScriptedAuthorizer.TOTAL.get();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/items"))
                .header("Authorization", "Bearer " + fresh("allow-all"))
                .header("Authorization", "Bearer " + fresh("allow-all")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(ScriptedAuthorizer.TOTAL.get()).isEqualTo(before);
    }

    @Test
    void anAllowedRequestReachesTheFunctionWithTheProxyEventApiGatewayBuilds() throws Exception {
        HttpResponse<String> r = send("POST", "/items?tag=a&tag=b", "Bearer " + fresh("allow-all"), "{\"name\":\"x\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Echo")).hasValue("yes");
        Map<String, Object> echo = JSONObjectUtils.parse(r.body());
        assertThat(echo).containsEntry("resource", "/items").containsEntry("path", "/items")
                .containsEntry("method", "POST").containsEntry("stage", "test").containsEntry("body", "{\"name\":\"x\"}");
        assertThat(echo.get("query")).isEqualTo(Map.of("tag", List.of("a", "b")));
        // API Gateway stringifies every context value of the authorizer for the function (C-02).
        assertThat(echo.get("authorizer")).isEqualTo(Map.of("principalId", "user-1", "sub", "user-1", "n", "7", "ok", "true"));
        assertThat(echo.get("environment")).isEqualTo(Map.of("GREETING", "hi", "TABLE", "ItemsTable"));
    }

    @Test
    void pathParametersAndGreedyPathsAreBound() throws Exception {
        Map<String, Object> one = JSONObjectUtils.parse(send("GET", "/items/42", "Bearer " + fresh("allow-all"), null).body());
        Map<String, Object> greedy = JSONObjectUtils.parse(send("DELETE", "/files/a/b/c.txt", "Bearer " + fresh("allow-all"), null).body());

        assertThat(one).containsEntry("resource", "/items/{id}").containsEntry("pathParameters", Map.of("id", "42"));
        assertThat(greedy).containsEntry("resource", "/files/{path+}").containsEntry("pathParameters", Map.of("path", "a/b/c.txt"));
    }

    @Test
    void oneAuthorizerAnswerIsCachedPerTokenForItsTtl() throws Exception {
        String token = fresh("allow-all");
        send("GET", "/items", "Bearer " + token, null);
        send("GET", "/items/1", "Bearer " + token, null);
        send("POST", "/items", "Bearer " + token, "{}");
        assertThat(ScriptedAuthorizer.invocations(token)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(301));
        assertThat(send("GET", "/items", "Bearer " + token, null).statusCode()).isEqualTo(200);
        assertThat(ScriptedAuthorizer.invocations(token)).isEqualTo(2);
    }

    @Test
    void c05TheCachedPolicyIsEvaluatedAgainstEachNewRoute() throws Exception {
        String token = "allow-get";
        gateway.flushAuthorizerCache();
        int before = ScriptedAuthorizer.invocations(token);

        HttpResponse<String> first = send("GET", "/items/1", "Bearer " + token, null);
        HttpResponse<String> second = send("GET", "/items/2", "Bearer " + token, null);
        HttpResponse<String> third = send("POST", "/items", "Bearer " + token, "{}");

        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode())).containsExactly(200, 200, 403);
        assertThat(ScriptedAuthorizer.invocations(token) - before).isEqualTo(1);
        // The template's ACCESS_DENIED body sees the authorizer's context.
        assertThat(JSONObjectUtils.parse(third.body())).containsEntry("reason", "insufficient_scope");
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() throws Exception {
        assertThat(send("GET", "/items/7", "Bearer allow-but-deny-items", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/items", "Bearer allow-but-deny-items", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPolicyWithoutAMatchingAllowDenies() throws Exception {
        assertThat(send("GET", "/items", "Bearer only-health", null).statusCode()).isEqualTo(403);
    }

    @Test
    void unauthorizedFromTheAuthorizerIs401AndIsNotCached() throws Exception {
        int before = ScriptedAuthorizer.invocations("unauthorized");

        assertThat(send("GET", "/items", "Bearer unauthorized", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/items", "Bearer unauthorized", null).statusCode()).isEqualTo(401);
        assertThat(ScriptedAuthorizer.invocations("unauthorized") - before).isEqualTo(2);
    }

    @Test
    void anyOtherAuthorizerErrorOrAMalformedAnswerIs500() throws Exception {
        assertThat(send("GET", "/items", "Bearer boom", null).statusCode()).isEqualTo(500);
        assertThat(send("GET", "/items", "Bearer no-policy", null).statusCode()).isEqualTo(500);
        assertThat(send("GET", "/items", "Bearer nested-context", null).statusCode()).isEqualTo(500);
    }

    @Test
    void aFunctionThatThrowsIs502() throws Exception {
        assertThat(send("GET", "/fail", "Bearer " + fresh("allow-all"), null).statusCode()).isEqualTo(502);
    }

    @Test
    void aRouteWithAuthorizerNoneNeedsNoToken() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(r.body())).containsEntry("authorizer", null);
    }

    @Test
    void everyRequestIsLoggedWithoutItsToken() throws Exception {
        String token = fresh("allow-all");
        send("GET", "/items", "Bearer " + token, null);

        synchronized (REQUEST_LOG) {
            assertThat(REQUEST_LOG).anyMatch(line -> line.startsWith("GET /test/items -> 200"));
            assertThat(REQUEST_LOG).noneMatch(line -> line.contains(token));
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, "Bearer " + token, null);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
