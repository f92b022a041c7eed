package dev.labauth.local.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Auth0-like issuer on loopback for development and tests: OIDC discovery, the JWKS, and
 * {@code POST /oauth/token} for the client-credentials grant, issuing tokens shaped like Auth0's.
 * It binds to 127.0.0.1 only and its keys live in memory, marked as development keys.
 */
public final class DevIssuer implements AutoCloseable {
    /** Auth0 refuses token requests bodies beyond a few KiB; so do we, before parsing. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final DevTenant tenant;
    private final Clock clock;
    private final String issuer;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile DevSigningKey signingKey;

    private DevIssuer(HttpServer server, ExecutorService executor, DevTenant tenant, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.tenant = tenant;
        this.clock = clock;
        this.signingKey = DevSigningKey.generate();
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/.well-known/jwks.json", this::jwks);
        server.createContext("/oauth/token", this::token);
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public static DevIssuer start(int port, DevTenant tenant, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dev-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        DevIssuer devIssuer = new DevIssuer(server, executor, tenant, clock);
        server.start();
        return devIssuer;
    }

    /** The issuer URL, with Auth0's trailing slash. */
    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + ".well-known/jwks.json";
    }

    public String tokenEndpoint() {
        return issuer + "oauth/token";
    }

    public DevTenant tenant() {
        return tenant;
    }

    public DevSigningKey signingKey() {
        return signingKey;
    }

    /** How many times the JWKS was served: tests use it to count the authorizer's fetches. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Signs claims with the current key, as a token of this issuer. */
    public String sign(Map<String, Object> claims) {
        return TokenMinter.sign(signingKey, claims);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        if (!allow(exchange, "GET")) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("token_endpoint", tokenEndpoint());
        doc.put("jwks_uri", jwksUri());
        doc.put("grant_types_supported", List.of("client_credentials"));
        doc.put("response_types_supported", List.of("token"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        send(exchange, 200, JSONObjectUtils.toJSONString(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (!allow(exchange, "GET")) {
            return;
        }
        jwksRequests.incrementAndGet();
        send(exchange, 200, JSONObjectUtils.toJSONString(new JWKSet(signingKey.publicJwk()).toJSONObject(true)));
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!allow(exchange, "POST")) {
            return;
        }
        Map<String, String> params;
        try {
            params = readParams(exchange);
        } catch (IllegalArgumentException e) {
            oauthError(exchange, 400, "invalid_request", e.getMessage());
            return;
        }
        String grantType = params.get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            oauthError(exchange, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        basicCredentials(exchange, params);
        DevTenant.Client client = tenant.client(params.get("client_id")).orElse(null);
        if (client == null || !constantTimeEquals(client.clientSecret(), params.get("client_secret"))) {
            oauthError(exchange, 401, "access_denied", "Unauthorized");
            return;
        }
        String audience = params.get("audience");
        long now = clock.instant().getEpochSecond();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (audience == null || audience.isBlank()) {
            // Without an audience Auth0 answers with a token for /userinfo that is not a JWT at all.
            answer.put("access_token", opaqueToken());
        } else if (!audience.equals(tenant.audience())) {
            oauthError(exchange, 403, "access_denied", "Service not found: " + audience);
            return;
        } else {
            String scope = String.join(" ", client.grantedScopes());
            answer.put("access_token", sign(AccessTokenClaims.forClient(issuer, client.clientId(), clock.instant())
                    .audience(audience).scope(scope).toMap()));
            answer.put("scope", scope);
        }
        answer.put("expires_in", AccessTokenClaims.DEFAULT_LIFETIME.getSeconds());
        answer.put("token_type", "Bearer");
        send(exchange, 200, JSONObjectUtils.toJSONString(answer));
    }

    private static String opaqueToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** client_secret_basic: the client's id and secret in an HTTP Basic header. */
    private static void basicCredentials(HttpExchange exchange, Map<String, String> params) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                params.putIfAbsent("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                params.putIfAbsent("client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException ignored) {
            // An unreadable Basic header simply carries no credentials; the request then fails as unauthenticated.
        }
    }

    private static Map<String, String> readParams(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("request body larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> params = new LinkedHashMap<>();
        if (type.startsWith("application/json")) {
            try {
                JSONObjectUtils.parse(text).forEach((k, v) -> {
                    if (v instanceof String s) {
                        params.put(k, s);
                    }
                });
            } catch (ParseException e) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
        } else {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (params.putIfAbsent(k, v) != null) {
                    throw new IllegalArgumentException("parameter " + k + " given twice");
                }
            }
        }
        return params;
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean allow(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", method);
        send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
        return false;
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        send(exchange, status, JSONObjectUtils.toJSONString(body));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
