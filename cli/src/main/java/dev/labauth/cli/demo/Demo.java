package dev.labauth.cli.demo;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.cli.DevTokenClient;
import dev.labauth.cli.LocalStack;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.rules.Globs;
import dev.labauth.cli.lambda.LambdaFunction;
import dev.labauth.local.lambda.LambdaRuntime;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.io.IOException;
import java.io.PrintWriter;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The walking-skeleton demo: a dev issuer on loopback, the authorizer pointed at it over real HTTP,
 * and AWS's sample events carrying good and bad tokens through each handler as the Lambda runtime
 * would run them. Every row says what API Gateway would answer and why.
 */
public final class Demo {
    private final PrintWriter out;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Demo(PrintWriter out) {
        this.out = out;
    }

    /** One request of the demo and what happened to it. */
    record Row(String name, String authorizer, String route, String expected, String expectedReason, String got, String reason) {
        boolean asExpected() {
            return expected.equals(got) && expectedReason.equals(reason);
        }
    }

    /** Runs every case, prints the tables; true when every row came out as expected. */
    public boolean run() throws IOException, InterruptedException {
        // The authorizers in the stack log each decision to standard error, as in Lambda; the demo
        // keeps those lines out of its tables and shows one at the end.
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream decisions = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(decisions, true, StandardCharsets.UTF_8));
        try {
            return runStack(decisions);
        } finally {
            System.setErr(stderr);
        }
    }

    private boolean runStack(java.io.ByteArrayOutputStream decisions) throws IOException, InterruptedException {
        List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LocalStack stack = LocalStack.start(0, 0, null, requests::add)) {
            DevIssuer issuer = stack.issuer;
            out.printf("dev issuer    %s  (development keys, loopback only)%n", issuer.issuer());
            out.printf("local API     %s  (deploy/template.yaml, access rules deploy/access-rules.yaml)%n%n", stack.gateway.url());
            out.println("1. The lab API over HTTP, through the local API Gateway and the TOKEN authorizer");
            out.println();
            boolean stackOk = tour(stack, requests);
            out.println();
            out.println("2. Each authorizer on AWS's sample events, run as the Lambda Java runtime runs it");
            out.println();
            boolean handlersOk = handlers(issuer);
            out.println();
            boolean ok = stackOk && handlersOk;
            decisions.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"Outcome\":\"unauthorized\""))
                    .findFirst().ifPresent(line -> out.printf("One decision as the authorizer logs it (CloudWatch EMF: a log line and a"
                            + " metric; the token appears only as a hash):%n  %s%n%n", line));
            out.println(ok ? "Every request was answered as expected." : "Some requests were NOT answered as expected (MISMATCH above).");
            tryItYourself(issuer, token(new DevTokenClient(issuer.issuer(), issuer.tenant()).forClient("lab-worker", null, null, null)));
            out.flush();
            return ok;
        }
    }

    /** Part 1: members, admin, guest, M2M, no token, expired and tampered tokens on each route. */
    private boolean tour(LocalStack stack, List<String> requests) throws IOException, InterruptedException {
        DevIssuer issuer = stack.issuer;
        DevTokenClient tokens = new DevTokenClient(issuer.issuer(), issuer.tenant());
        String alice = token(tokens.forUser("alice", null, null, null));
        String bob = token(tokens.forUser("bob", null, null, null));
        String ada = token(tokens.forUser("ada", null, null, null));
        String guest = token(tokens.forUser("guest", null, null, null));
        String worker = token(tokens.forClient("lab-worker", null, null, null));
        String expired = issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", clock.instant().minus(Duration.ofDays(2)))
                .audience(issuer.tenant().audience()).scope("read:experiments").toMap());
        String[] parts = alice.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode(new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"lab-member\"", "\"lab-admin\"")) + "." + parts[2];

        StackTour tour = new StackTour(stack.gateway.url());
        tour.call("alice", alice, "GET", "/me", null, 200);
        Object id = tour.call("alice", alice, "POST", "/experiments", "{\"name\":\"calibration run\"}", 201).get("id");
        tour.call("alice", alice, "GET", "/experiments", null, 200);
        tour.call("bob", bob, "DELETE", "/experiments/" + id, null, 403);
        tour.call("guest", guest, "GET", "/me", null, 200);
        tour.call("guest", guest, "GET", "/experiments", null, 403);
        tour.call("guest", guest, "POST", "/experiments", "{\"name\":\"nope\"}", 403);
        tour.call("worker", worker, "GET", "/experiments", null, 200);
        tour.call("worker", worker, "POST", "/experiments", "{\"name\":\"nope\"}", 403);
        tour.call("ada", ada, "DELETE", "/experiments/" + id, null, 204);
        tour.call("nobody", null, "GET", "/me", null, 401);
        tour.call("expired", expired, "GET", "/me", null, 401);
        tour.call("tampered", tampered, "GET", "/me", null, 401);
        tour.call("alice", alice, "GET", "/unknown", null, 403);
        StackTour.print(out, tour.rows());
        long invoked = requests.stream().filter(line -> line.contains("authorizer invoked")).count();
        out.printf("%nThe authorizer ran %d times for %d requests: API Gateway caches its answer per token (300 s),%n"
                + "and the one cached policy gives every route its own outcome.%n", invoked, tour.rows().size());
        return tour.rows().stream().allMatch(StackTour.Row::asExpected);
    }

    /** Part 2: TOKEN, REQUEST and HTTP API handlers on AWS's sample events, good and bad tokens. */
    private boolean handlers(DevIssuer issuer) throws IOException, InterruptedException {
        String audience = issuer.tenant().audience();
        AtomicReference<String> lastLog = new AtomicReference<>();
        AuthorizerEngine engine = engineFor(issuer.issuer(), audience, lastLog);
        var tokenFn = LambdaFunction.TOKEN_AUTHORIZER.instance(engine);
        var requestFn = LambdaFunction.REQUEST_AUTHORIZER.instance(engine);
        var httpFn = LambdaFunction.HTTP_AUTHORIZER.instance(engine);
        var simpleFn = LambdaFunction.HTTP_SIMPLE_AUTHORIZER.instance(engine);

        String good = token(new DevTokenClient(issuer.issuer(), issuer.tenant()).forClient("lab-worker", null, null, null));
        String opaque = requestToken(issuer, null);
        Instant now = clock.instant();
        String expired = issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", now.minus(Duration.ofDays(2)))
                .audience(audience).scope("read:experiments").toMap());
        String otherApi = issuer.sign(AccessTokenClaims.forClient(issuer.issuer(), "lab-worker", now)
                .audience("https://another-api.example").toMap());
        String forged = TokenMinter.sign(DevSigningKey.withKeyId(issuer.signingKey().keyId()),
                AccessTokenClaims.forUser(issuer.issuer(), "auth0|mallory", "lab-spa", now).audience(audience)
                        .scope("read:experiments create:experiments delete:experiments").toMap());
        String unsigned = unsigned(issuer.issuer(), audience, now);

        List<Row> rows = new ArrayList<>();
        rows.add(row("M2M token from POST /oauth/token", "TOKEN", "GET /me", "Allow", "none", tokenFn, DemoEvents.token("GET /me", "Bearer " + good), lastLog));
        rows.add(row("same token, lower-case header", "REQUEST", "GET /experiments", "Allow", "none", requestFn, DemoEvents.request("GET /experiments", "authorization", "Bearer " + good), lastLog));
        rows.add(row("same token, scheme 'bearer'", "HTTP 2.0", "GET /experiments", "Allow", "none", httpFn, DemoEvents.httpApi("GET /experiments", "bearer " + good), lastLog));
        rows.add(row("same token, simple response", "HTTP 2.0", "GET /me", "Allow", "none", simpleFn, DemoEvents.httpApi("GET /me", "Bearer " + good), lastLog));
        rows.add(row("M2M token on a users-only route", "TOKEN", "POST /experiments", "403", "insufficient_scope", tokenFn, DemoEvents.token("POST /experiments", "Bearer " + good), lastLog));
        rows.add(row("M2M token without delete scope", "HTTP 2.0", "DELETE /experiments/42", "403", "insufficient_scope", simpleFn, DemoEvents.httpApi("DELETE /experiments/42", "Bearer " + good), lastLog));
        rows.add(row("expired token", "TOKEN", "GET /me", "401", "expired", tokenFn, DemoEvents.token("GET /me", "Bearer " + expired), lastLog));
        rows.add(row("token for another API", "REQUEST", "GET /me", "401", "wrong_audience", requestFn, DemoEvents.request("GET /me", "Authorization", "Bearer " + otherApi), lastLog));
        rows.add(row("forged: other key, issuer's kid", "HTTP 2.0", "GET /me", "401", "bad_signature", httpFn, DemoEvents.httpApi("GET /me", "Bearer " + forged), lastLog));
        rows.add(row("unsigned token (alg none)", "TOKEN", "GET /me", "401", "alg_not_allowed", tokenFn, DemoEvents.token("GET /me", "Bearer " + unsigned), lastLog));
        rows.add(row("opaque token (no audience asked)", "TOKEN", "GET /me", "401", "opaque_token", tokenFn, DemoEvents.token("GET /me", "Bearer " + opaque), lastLog));
        rows.add(row("Basic credentials", "REQUEST", "GET /me", "401", "wrong_scheme", requestFn, DemoEvents.request("GET /me", "Authorization", "Basic bGFiOmxhYg=="), lastLog));
        rows.add(row("no Authorization header", "HTTP 2.0", "GET /me", "401", "missing_token", httpFn, DemoEvents.httpApi("GET /me", null), lastLog));

        try (ServerSocket closed = new ServerSocket(0)) {
            String deadIssuer = "http://127.0.0.1:" + closed.getLocalPort() + "/";
            closed.close();
            var deadFn = LambdaFunction.TOKEN_AUTHORIZER.instance(engineFor(deadIssuer, audience, lastLog));
            String token = issuer.sign(AccessTokenClaims.forClient(deadIssuer, "lab-worker", now).audience(audience).toMap());
            rows.add(row("issuer's JWKS unreachable", "TOKEN", "GET /me", "500", "jwks_unavailable", deadFn, DemoEvents.token("GET /me", "Bearer " + token), lastLog));
        }
        print(rows);
        return rows.stream().allMatch(Row::asExpected);
    }

    private static String token(DevTokenClient.Answer answer) throws IOException {
        if (answer instanceof DevTokenClient.Answer.Issued issued) {
            return issued.accessToken();
        }
        throw new IOException("the dev issuer gave no token: " + answer);
    }

    /** Leaves the good token and the dev key set in files, so verify can be tried offline once the issuer is gone. */
    private void tryItYourself(DevIssuer issuer, String token) throws IOException {
        // One place, overwritten by each run, rather than a new directory every time.
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "labauth-demo"));
        Path tokenFile = Files.writeString(dir.resolve("token.txt"), token + "\n");
        Path jwksFile = Files.writeString(dir.resolve("jwks.json"), new JWKSet(issuer.signingKey().publicJwk()).toString(true));
        out.printf("%nTry verify offline with the M2M token and the dev key set the demo saved:%n"
                + "  ./labauth verify - --issuer %s --audience %s --jwks %s < %s%n",
                issuer.issuer(), issuer.tenant().audience(), jwksFile, tokenFile);
    }

    private AuthorizerEngine engineFor(String issuer, String audience, AtomicReference<String> lastLog) {
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of(VerifierSettings.ISSUER, issuer, VerifierSettings.AUDIENCE, audience));
        return AuthorizerEngine.of(new Gatekeeper(TokenVerifier.remote(settings), AccessRulesFile.bundled()),
                new DecisionLog(lastLog::set, clock));
    }

    private static Row row(String name, String authorizer, String route, String expected, String expectedReason,
            LambdaRuntime.Function<?, ?> fn, String event, AtomicReference<String> lastLog) {
        lastLog.set(null);
        LambdaRuntime.Result result = fn.invoke(event);
        String got;
        if (result.failed()) {
            got = "Unauthorized".equals(result.errorMessage()) ? "401" : "500";
        } else {
            got = answer(result.json(), arnOf(event));
        }
        return new Row(name, authorizer, route, expected, expectedReason, got, reasonOf(lastLog.get()));
    }

    /**
     * What API Gateway makes of a returned answer for this request: isAuthorized, or the policy
     * evaluated against the request's own ARN (an explicit Deny wins, else an Allow must match).
     */
    @SuppressWarnings("unchecked")
    private static String answer(String json, String requestArn) {
        try {
            Map<String, Object> response = JSONObjectUtils.parse(json);
            if (response.containsKey("isAuthorized")) {
                return Boolean.TRUE.equals(response.get("isAuthorized")) ? "Allow" : "403";
            }
            Map<String, Object> policy = (Map<String, Object>) response.get("policyDocument");
            List<Map<String, Object>> statements = (List<Map<String, Object>>) policy.get("Statement");
            boolean allowed = false;
            for (Map<String, Object> statement : statements) {
                boolean matches = ((List<String>) statement.get("Resource")).stream().anyMatch(r -> Globs.matches(r, requestArn));
                if (matches && "Deny".equals(statement.get("Effect"))) {
                    return "403";
                }
                allowed |= matches && "Allow".equals(statement.get("Effect"));
            }
            return allowed ? "Allow" : "403";
        } catch (ParseException | RuntimeException e) {
            return "500";
        }
    }

    private static String arnOf(String event) {
        try {
            Map<String, Object> e = JSONObjectUtils.parse(event);
            return String.valueOf(e.containsKey("methodArn") ? e.get("methodArn") : e.get("routeArn"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reasonOf(String logLine) {
        if (logLine == null) {
            return "?";
        }
        try {
            return String.valueOf(JSONObjectUtils.parse(logLine).get("Reason"));
        } catch (ParseException e) {
            return "?";
        }
    }

    private String requestToken(DevIssuer issuer, String audience) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=lab-worker&client_secret="
                + issuer.tenant().client("lab-worker").orElseThrow().clientSecret()
                + (audience == null ? "" : "&audience=" + java.net.URLEncoder.encode(audience, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("dev issuer refused the token request: " + response.statusCode() + " " + response.body());
        }
        try {
            return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
        } catch (ParseException e) {
            throw new IOException("dev issuer's token response is not JSON", e);
        }
    }

    private static String unsigned(String issuer, String audience, Instant now) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String claims = Base64URL.encode(JSONObjectUtils.toJSONString(
                AccessTokenClaims.forUser(issuer, "auth0|mallory", "lab-spa", now).audience(audience).toMap())).toString();
        return header + "." + claims + ".";
    }

    private void print(List<Row> rows) {
        String format = "%-3s %-33s %-9s %-23s %-8s %-18s %-6s %-18s %s%n";
        out.printf(format, "#", "case", "handler", "route", "expected", "expected reason", "got", "reason", "");
        out.printf(format, "--", "-".repeat(33), "-".repeat(9), "-".repeat(23), "-".repeat(8), "-".repeat(18), "-".repeat(6),
                "-".repeat(18), "");
        int i = 1;
        for (Row r : rows) {
            out.printf(format, i++, r.name(), r.authorizer(), r.route(), r.expected(), r.expectedReason(), r.got(), r.reason(),
                    r.asExpected() ? "ok" : "MISMATCH");
        }
    }
}
