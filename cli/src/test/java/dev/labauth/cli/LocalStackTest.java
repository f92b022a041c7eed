package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole local stack over HTTP on loopback: dev issuer, local API Gateway serving
 * deploy/template.yaml, the real authorizer with deploy/access-rules.yaml, the lab functions.
 */
class LocalStackTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> REQUESTS = new ArrayList<>();
    private static LocalStack stack;
    private static Map<String, String> tokens;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(0, 0, Path.of("..", "deploy", "template.yaml"), line -> {
            synchronized (REQUESTS) {
                REQUESTS.add(line);
            }
        });
        tokens = Map.of(
                "alice", user("alice"),
                "bob", user("bob"),
                "ada", user("ada"),
                "guest", user("guest"),
                "worker", machineToken());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A local user's token from the dev issuer's password grant: permissions from roles, roles in the namespaced claim. */
    private static String user(String name) throws Exception {
        return issued(new DevTokenClient(stack.issuer.issuer(), stack.issuer.tenant()).forUser(name, null, null, null));
    }

    /** The M2M client's token from the dev issuer's client-credentials grant. */
    private static String machineToken() throws Exception {
        return issued(new DevTokenClient(stack.issuer.issuer(), stack.issuer.tenant()).forClient("lab-worker", null, null, null));
    }

    private static String issued(DevTokenClient.Answer answer) {
        assertThat(answer).isInstanceOf(DevTokenClient.Answer.Issued.class);
        return ((DevTokenClient.Answer.Issued) answer).accessToken();
    }

    /** The same matrix, uncached: the authorizer decides each request afresh, and must agree with the cached runs. */
    @ParameterizedTest(name = "uncached: {0} {1} as {2} -> {3}")
    @CsvSource({
        "GET,  /me,          guest,  200",
        "GET,  /experiments, guest,  403",
        "GET,  /experiments, worker, 200",
        "POST, /experiments, worker, 403",
        "POST, /experiments, alice,  201",
        "GET,  /experiments, ada,    200"})
    void eachRouteForEachKindOfCallerUncached(String method, String path, String who, int status) throws Exception {
        stack.gateway.flushAuthorizerCache();

        HttpResponse<String> r = send(method, path, tokens.get(who), method.equals("POST") ? "{\"name\":\"fresh\"}" : null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
        "GET,  /me,          alice,  200",
        "GET,  /me,          guest,  200",
        "GET,  /me,          worker, 200",
        "GET,  /experiments, alice,  200",
        "GET,  /experiments, ada,    200",
        "GET,  /experiments, worker, 200",
        "GET,  /experiments, guest,  403",
        "POST, /experiments, bob,    201",
        "POST, /experiments, ada,    201",
        "POST, /experiments, guest,  403",
        "POST, /experiments, worker, 403"})
    void eachRouteForEachKindOfCaller(String method, String path, String who, int status) throws Exception {
        HttpResponse<String> r = send(method, path, tokens.get(who), method.equals("POST") ? "{\"name\":\"run " + who + "\"}" : null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    @Test
    void deleteIsForTheOwnerOrALabAdminAndOnlyForCallersTheRulesLetThrough() throws Exception {
        String first = created("alice");
        String second = created("alice");

        assertThat(send("DELETE", "/experiments/" + first, tokens.get("guest"), null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/experiments/" + first, tokens.get("worker"), null).statusCode()).isEqualTo(403);
        HttpResponse<String> notOwner = send("DELETE", "/experiments/" + first, tokens.get("bob"), null);
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(JSONObjectUtils.parse(notOwner.body())).containsEntry("error", "not_owner");
        assertThat(send("DELETE", "/experiments/" + first, tokens.get("alice"), null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/experiments/" + second, tokens.get("ada"), null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/experiments/" + second, tokens.get("ada"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void meReturnsTheCallerAsTheAuthorizerSawIt() throws Exception {
        HttpResponse<String> r = send("GET", "/me", tokens.get("ada"), null);

        Map<String, Object> me = JSONObjectUtils.parse(r.body());
        assertThat(me).containsEntry("sub", stack.issuer.tenant().user("ada").orElseThrow().userId())
                .containsEntry("clientId", "lab-spa").containsEntry("grantType", "password")
                // Auth0 puts no email in an access token unless an Action adds it; this tenant's adds roles only.
                .containsEntry("email", null);
        assertThat(me.get("roles")).asList().containsExactly("lab-admin");
        assertThat(me.get("permissions")).asList().contains("delete:experiments");
    }

    @Test
    void missingExpiredAndTamperedTokensAre401WithWwwAuthenticate() throws Exception {
        String expired = stack.issuer.sign(AccessTokenClaims.forClient(stack.issuer.issuer(), "lab-worker",
                Instant.now().minus(Duration.ofDays(2))).audience(DevTenant.DEFAULT_AUDIENCE).toMap());
        String good = tokens.get("alice");
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        for (String token : new String[] {null, expired, tampered}) {
            HttpResponse<String> r = send("GET", "/me", token, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    @Test
    void everyRouteOfTheLabsTemplateHasAnAccessRule() {
        // labauth dev warns about template routes no rule lists; the lab's own template has none.
        assertThat(stack.unlistedRoutes).isEmpty();
    }

    @Test
    void aTemplateRouteWithoutARuleIsReported(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String template = java.nio.file.Files.readString(Path.of("..", "deploy", "template.yaml")).replace(
                "            Path: /me\n", "            Path: /me/settings\n");
        Path file = java.nio.file.Files.writeString(dir.resolve("template.yaml"), template);

        try (LocalStack other = LocalStack.start(0, 0, file, line -> { })) {
            assertThat(other.unlistedRoutes).containsExactly("GET /me/settings");
        }
    }

    @Test
    void anUnknownRouteIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = send("GET", "/nope", tokens.get("alice"), null);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Missing Authentication Token");
    }

    @Test
    void c05OneCachedAnswerGivesEachRouteItsOwnOutcome() throws Exception {
        String worker = machineToken();
        int before = REQUESTS.size();

        int first = send("GET", "/experiments", worker, null).statusCode();
        int second = send("GET", "/me", worker, null).statusCode();
        HttpResponse<String> third = send("POST", "/experiments", worker, "{\"name\":\"nope\"}");

        assertThat(List.of(first, second, third.statusCode())).containsExactly(200, 200, 403);
        List<String> lines;
        synchronized (REQUESTS) {
            lines = new ArrayList<>(REQUESTS.subList(before, REQUESTS.size()));
        }
        assertThat(lines.get(0)).contains("authorizer invoked");
        assertThat(lines.get(1)).contains("cached");
        assertThat(lines.get(2)).contains("cached").contains("explicit Deny");
        // The 403 explains itself, even from an answer made for another route: the ACCESS_DENIED gateway
        // response quotes the authorizer's context.
        assertThat(third.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("insufficient_scope"));
        Map<String, Object> body = JSONObjectUtils.parse(third.body());
        assertThat(body).containsEntry("error", "insufficient_scope");
        assertThat((String) body.get("denied")).contains("POST /experiments needs scope:create:experiments, users only");
    }

    @Test
    void aForbiddenRouteSaysWhatItRequired() throws Exception {
        String guest = user("guest");

        HttpResponse<String> r = send("GET", "/experiments", guest, null);

        assertThat(r.statusCode()).isEqualTo(403);
        Map<String, Object> body = JSONObjectUtils.parse(r.body());
        assertThat(body).containsEntry("required", "scope:read:experiments");
    }

    @Test
    void keyRotationThroughTheDevEndpointKeepsTokensOfBothKeysWorking() throws Exception {
        String beforeRotation = user("bob");
        assertThat(send("GET", "/me", beforeRotation, null).statusCode()).isEqualTo(200);

        HttpResponse<String> rotated = HTTP.send(HttpRequest.newBuilder(URI.create(stack.issuer.issuer() + "dev/keys/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String afterRotation = user("bob");

        assertThat(afterRotation.split("\\.")[0]).isNotEqualTo(beforeRotation.split("\\.")[0]);
        assertThat(send("GET", "/experiments", afterRotation, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/experiments", beforeRotation, null).statusCode()).isEqualTo(200);
    }

    private static String created(String who) throws Exception {
        HttpResponse<String> r = send("POST", "/experiments", tokens.get(who), "{\"name\":\"to delete\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) JSONObjectUtils.parse(r.body()).get("id");
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gateway.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
