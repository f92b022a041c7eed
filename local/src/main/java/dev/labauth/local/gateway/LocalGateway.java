package dev.labauth.local.gateway;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.JSONStringUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.labauth.local.lambda.LambdaRuntime;
import dev.labauth.local.template.SamTemplate;
import dev.labauth.local.template.SamTemplate.GatewayResponse;
import dev.labauth.local.template.SamTemplate.TokenAuthorizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local REST API Gateway for one SAM template, on loopback. For each request it does what API
 * Gateway does: unknown route → 403 {@code Missing Authentication Token}; no identity header, or one
 * failing the validation expression → 401 without invoking the authorizer; otherwise the TOKEN
 * authorizer's answer (cached per token for its TTL) is evaluated against the request's method ARN
 * (explicit Deny wins, no matching Allow → 403); {@code Unauthorized} → 401; any other authorizer
 * error or a malformed answer → 500; then the function gets the proxy event, in-process, through the
 * Lambda runtime's serialisation. The template's gateway responses shape the 401/403/500 answers.
 */
public final class LocalGateway implements AutoCloseable {
    /** API Gateway's payload limit is 10 MB; a local lab API has no use for more than this. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context\\.(authorizer\\.[A-Za-z0-9_:.-]+|error\\.messageString|error\\.message|requestId)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final SamTemplate template;
    private final RouteTable routes;
    private final Map<String, LambdaRuntime.Function<?, ?>> functions = new LinkedHashMap<>();
    private final AuthorizerCache cache;
    private final Clock clock;
    private final Consumer<String> requestLog;

    private LocalGateway(HttpServer server, ExecutorService executor, SamTemplate template,
            BiFunction<String, Map<String, String>, Map<String, String>> environment, Clock clock, Consumer<String> requestLog) {
        this.server = server;
        this.executor = executor;
        this.template = template;
        this.routes = new RouteTable(template.routes());
        this.cache = new AuthorizerCache(clock);
        this.clock = clock;
        this.requestLog = requestLog;
        // Every function is loaded (and so initialised) up front, as deployed ones are before traffic.
        template.functions().values().forEach(f -> functions.put(f.logicalId(),
                LambdaRuntime.load(f.logicalId(), f.handler(), environment.apply(f.logicalId(), f.environment()))));
        server.createContext("/", this::handle);
    }

    /**
     * Starts on 127.0.0.1. {@code environment} gives each function (by logical id) its environment,
     * starting from the template's; the local stack points the authorizer at the dev issuer there.
     */
    public static LocalGateway start(int port, SamTemplate template,
            BiFunction<String, Map<String, String>, Map<String, String>> environment, Clock clock,
            Consumer<String> requestLog) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-gateway");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        LocalGateway gateway = new LocalGateway(server, executor, template, environment, clock, requestLog);
        server.start();
        return gateway;
    }

    /** The base URL, stage included, as API Gateway's invoke URL has it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + template.stageName();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Drops every cached authorizer answer, as redeploying a stage does. */
    public void flushAuthorizerCache() {
        cache.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** An HTTP answer being built. */
    private record Answer(int status, Map<String, String> headers, String body, String note) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Answer answer;
        try {
            answer = route(exchange, requestId);
        } catch (RuntimeException e) {
            answer = new Answer(500, Map.of(), "{\"message\": \"Internal server error\"}", "gateway fault: " + e);
        }
        requestLog.accept(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> "
                + answer.status() + "  (" + answer.note() + ")");
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Answer route(HttpExchange exchange, String requestId) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String stagePrefix = "/" + template.stageName();
        if (!(rawPath.equals(stagePrefix) || rawPath.startsWith(stagePrefix + "/"))) {
            return gatewayResponse("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", Map.of(), requestId,
                    "not under stage " + stagePrefix);
        }
        String path = URLDecoder.decode(rawPath.substring(stagePrefix.length()), StandardCharsets.UTF_8);
        if (path.isEmpty()) {
            path = "/";
        }
        String method = exchange.getRequestMethod();
        Optional<RouteTable.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            return gatewayResponse("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", Map.of(), requestId,
                    "no route");
        }
        SamTemplate.Route route = match.get().route();
        Map<String, List<String>> headers = headers(exchange);
        String methodArn = ProxyEvent.methodArn(template.stageName(), method, path);
        AuthorizerAnswer authorized = null;
        String note = "no authorizer";
        Optional<TokenAuthorizer> authorizer = authorizerFor(route);
        if (authorizer.isPresent()) {
            TokenAuthorizer a = authorizer.get();
            List<String> identities = allHeaders(headers, a.header());
            if (identities.stream().distinct().count() > 1) {
                // Which of two credentials to trust is no question to answer: refuse both.
                return gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", Map.of(), requestId,
                        "two different " + a.header() + " values");
            }
            String identity = identities.isEmpty() ? null : identities.get(0);
            if (identity == null || identity.isEmpty()) {
                return gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", Map.of(), requestId, "no " + a.header() + " header");
            }
            if (a.validationExpression().isPresent() && !a.validationExpression().get().matcher(identity).matches()) {
                return gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", Map.of(), requestId,
                        a.header() + " fails the validation expression");
            }
            authorized = cache.get(a.name(), identity);
            note = "authorizer answer cached";
            if (authorized == null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "TOKEN");
                event.put("authorizationToken", identity);
                event.put("methodArn", methodArn);
                LambdaRuntime.Result result = functions.get(a.functionLogicalId()).invoke(JSONObjectUtils.toJSONString(event));
                if (result.failed()) {
                    return "Unauthorized".equals(result.errorMessage())
                            ? gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", Map.of(), requestId, "authorizer: Unauthorized")
                            : gatewayResponse("AUTHORIZER_FAILURE", 500, null, Map.of(), requestId,
                                    "authorizer error: " + result.errorMessage());
                }
                try {
                    authorized = AuthorizerAnswer.parse(JSONObjectUtils.parse(result.json()));
                    PolicyEvaluator.evaluate(authorized.policyDocument(), methodArn);
                } catch (ParseException | IllegalArgumentException e) {
                    return gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR", 500, null, Map.of(), requestId,
                            "malformed authorizer answer: " + e.getMessage());
                }
                cache.put(a.name(), identity, authorized, a.ttlSeconds());
                note = "authorizer invoked";
            }
            PolicyEvaluator.Effect effect = PolicyEvaluator.evaluate(authorized.policyDocument(), methodArn);
            if (effect != PolicyEvaluator.Effect.ALLOW) {
                return gatewayResponse("ACCESS_DENIED", 403, "User is not authorized to access this resource",
                        authorized.context(), requestId, note + ", policy: " + (effect == PolicyEvaluator.Effect.DENY
                                ? "explicit Deny" : "no Allow") + " for " + methodArn);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return gatewayResponse("REQUEST_TOO_LARGE", 413, "Request Too Long", Map.of(), requestId, "body too large");
        }
        ProxyEvent.Request request = new ProxyEvent.Request(method, path, route.path(), headers,
                query(exchange.getRequestURI().getRawQuery()), match.get().pathParameters(),
                body.length == 0 ? null : new String(body, StandardCharsets.UTF_8),
                exchange.getRemoteAddress().getAddress().getHostAddress(), requestId, clock.instant(),
                firstHeader(headers, "Host"));
        String event = JSONObjectUtils.toJSONString(ProxyEvent.build(request, template.stageName(), authorized));
        LambdaRuntime.Result result = functions.get(route.functionLogicalId()).invoke(event);
        if (result.failed()) {
            return new Answer(502, Map.of(), "{\"message\": \"Internal server error\"}",
                    note + "; function " + route.functionLogicalId() + " threw: " + result.errorMessage());
        }
        return proxyResponse(result.json(), note + "; " + route.functionLogicalId());
    }

    private Optional<TokenAuthorizer> authorizerFor(SamTemplate.Route route) {
        if (route.authorizer().isEmpty()) {
            return template.defaultAuthorizer();
        }
        String name = route.authorizer().get();
        return name.equals("NONE") ? Optional.empty() : Optional.of(template.authorizers().get(name));
    }

    @SuppressWarnings("unchecked")
    private static Answer proxyResponse(String json, String note) {
        Map<String, Object> response;
        try {
            response = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            return new Answer(502, Map.of(), "{\"message\": \"Internal server error\"}", note + " returned non-JSON");
        }
        if (!(response.get("statusCode") instanceof Number status)) {
            return new Answer(502, Map.of(), "{\"message\": \"Internal server error\"}", note + " returned no statusCode");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        if (response.get("multiValueHeaders") instanceof Map<?, ?> mh) {
            mh.forEach((k, v) -> {
                if (v instanceof List<?> l && !l.isEmpty()) {
                    headers.put(String.valueOf(k), String.join(",", l.stream().map(String::valueOf).toList()));
                }
            });
        }
        Object body = response.get("body");
        if (Boolean.TRUE.equals(response.get("isBase64Encoded")) && body instanceof String b64) {
            body = new String(java.util.Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        }
        return new Answer(status.intValue(), headers, body == null ? null : String.valueOf(body), note);
    }

    /**
     * A gateway response: the template's customisation of this type (or of DEFAULT_4XX / DEFAULT_5XX)
     * over API Gateway's default status and message; body templates see the authorizer's context.
     */
    private Answer gatewayResponse(String type, int defaultStatus, String message, Map<String, Object> authorizerContext,
            String requestId, String note) {
        GatewayResponse custom = template.gatewayResponses().get(type);
        if (custom == null) {
            custom = template.gatewayResponses().get(defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        String defaultBody = "{\"message\":" + (message == null ? "null" : JSONStringUtils.toJSONString(message)) + "}";
        if (custom == null) {
            return new Answer(defaultStatus, Map.of(), defaultBody, note);
        }
        int status = custom.statusCode().orElse(defaultStatus);
        String template = custom.templates().get("application/json");
        String body = template == null ? defaultBody : substitute(template, message, authorizerContext, requestId);
        return new Answer(status, custom.headers(), body, note);
    }

    private static String substitute(String template, String message, Map<String, Object> context, String requestId) {
        Matcher m = CONTEXT_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value;
            if (variable.startsWith("authorizer.")) {
                Object v = context.get(variable.substring("authorizer.".length()));
                value = v == null ? "" : String.valueOf(v);
            } else if (variable.equals("error.messageString")) {
                value = message == null ? "null" : JSONStringUtils.toJSONString(message);
            } else if (variable.equals("error.message")) {
                value = message == null ? "" : message;
            } else {
                value = requestId;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        return headers;
    }

    private static String firstHeader(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static List<String> allHeaders(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((k, v) -> {
            if (k.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return query;
    }
}
