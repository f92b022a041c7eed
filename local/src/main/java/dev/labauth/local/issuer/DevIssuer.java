package dev.labauth.local.issuer;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Auth0-like issuer on loopback that serves a {@link DevTenant}: OIDC discovery, the JWKS (the
 * current and the next key, and previous keys until revoked, as Auth0 publishes them),
 * {@code POST /oauth/token} for the client-credentials grant and a dev password grant of the local
 * users, {@code /userinfo}, and controls under {@code /dev/} to rotate and revoke keys and to make
 * the JWKS slow or unavailable ({@link DevEndpoints}). It binds to 127.0.0.1 only, and its keys
 * live in memory, their {@code kid}s starting with {@value DevSigningKey#KID_PREFIX}.
 */
public final class DevIssuer implements AutoCloseable {
    /** Handler threads; a slow JWKS answer holds one for its delay. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DevTenant tenant;
    private final String issuer;
    private final KeyRing keys;
    private final TokenGrants grants;
    private final UserInfo userInfo;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile JwksMode jwksMode = JwksMode.normal();

    private DevIssuer(HttpServer server, ExecutorService executor, DevTenant tenant, Clock clock, KeyRing keys) {
        this.server = server;
        this.executor = executor;
        this.tenant = tenant;
        this.keys = keys;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        OpaqueTokens opaqueTokens = new OpaqueTokens();
        this.grants = new TokenGrants(tenant, issuer, clock, keys::current, opaqueTokens);
        this.userInfo = new UserInfo(tenant, issuer, clock, keys, opaqueTokens);
        DevEndpoints dev = new DevEndpoints(keys, this::jwksMode, this::jwksMode);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/.well-known/jwks.json", this::jwks);
        server.createContext("/oauth/token", this::token);
        server.createContext("/userinfo", this::userinfo);
        server.createContext("/dev/", dev::handle);
    }

    /** Starts on 127.0.0.1 with fresh development keys; port 0 picks a free one. */
    public static DevIssuer start(int port, DevTenant tenant, Clock clock) throws IOException {
        return start(port, tenant, clock, KeyRing.generate());
    }

    /** Starts on 127.0.0.1 with the given keys; port 0 picks a free one. */
    public static DevIssuer start(int port, DevTenant tenant, Clock clock, KeyRing keys) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "dev-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        DevIssuer devIssuer = new DevIssuer(server, executor, tenant, clock, keys);
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

    public String userinfoEndpoint() {
        return userInfo.endpoint();
    }

    public DevTenant tenant() {
        return tenant;
    }

    /** The key that signs now. */
    public DevSigningKey signingKey() {
        return keys.current();
    }

    /** The signing keys: rotate and revoke here as {@code POST /dev/keys/…} does. */
    public KeyRing keys() {
        return keys;
    }

    /** How many requests the JWKS endpoint received (answered or not): tests count the authorizer's fetches with it. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    public JwksMode jwksMode() {
        return jwksMode;
    }

    /** Makes the JWKS endpoint answer normally, slowly or with 503, as {@code POST /dev/jwks} does. */
    public void jwksMode(JwksMode mode) {
        this.jwksMode = Objects.requireNonNull(mode, "mode");
    }

    /** Signs claims with the current key, as a token of this issuer. */
    public String sign(Map<String, Object> claims) {
        return TokenMinter.sign(keys.current(), claims);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.exactPath(exchange, "/.well-known/openid-configuration") || !HttpExchanges.allow(exchange, "GET")) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("token_endpoint", tokenEndpoint());
        doc.put("userinfo_endpoint", userinfoEndpoint());
        doc.put("jwks_uri", jwksUri());
        doc.put("scopes_supported", List.of("openid", "profile", "offline_access", "email"));
        doc.put("response_types_supported", List.of("token"));
        doc.put("grant_types_supported", List.of(TokenGrants.CLIENT_CREDENTIALS, TokenGrants.PASSWORD, TokenGrants.PASSWORD_REALM));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("claims_supported", List.of("aud", "email", "email_verified", "exp", "iat", "iss", "name", "nickname", "sub"));
        HttpExchanges.send(exchange, 200, doc);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.exactPath(exchange, "/.well-known/jwks.json") || !HttpExchanges.allow(exchange, "GET")) {
            return;
        }
        jwksRequests.incrementAndGet();
        JwksMode mode = jwksMode;
        switch (mode.kind()) {
            case UNAVAILABLE -> {
                HttpExchanges.send(exchange, 503, Map.of("error", "temporarily_unavailable",
                        "error_description", "the dev issuer's JWKS is switched off (POST /dev/jwks?mode=normal)"));
                return;
            }
            case SLOW -> {
                try {
                    Thread.sleep(mode.delay().toMillis()); // the outage being simulated, not test timing
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            case NORMAL -> {
                // answered at once
            }
        }
        HttpExchanges.sendBytes(exchange, 200, "application/json",
                JSONObjectUtils.toJSONString(keys.published().toJSONObject(true)));
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.exactPath(exchange, "/oauth/token") || !HttpExchanges.allow(exchange, "POST")) {
            return;
        }
        Map<String, String> params;
        try {
            params = HttpExchanges.bodyParams(exchange);
        } catch (IllegalArgumentException e) {
            HttpExchanges.oauthError(exchange, 400, "invalid_request", e.getMessage());
            return;
        }
        HttpExchanges.basicCredentials(exchange, params);
        TokenGrants.Answer answer = grants.exchange(params);
        if (answer instanceof TokenGrants.Answer.Issued issued) {
            HttpExchanges.send(exchange, 200, issued.body());
        } else {
            TokenGrants.Answer.Refused refused = (TokenGrants.Answer.Refused) answer;
            HttpExchanges.oauthError(exchange, refused.status(), refused.error(), refused.description());
        }
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.exactPath(exchange, "/userinfo") || !HttpExchanges.allow(exchange, "GET", "POST")) {
            return;
        }
        exchange.getRequestBody().close();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            unauthorized(exchange, "invalid_request", "an access token is required (Authorization: Bearer ...)");
            return;
        }
        try {
            HttpExchanges.send(exchange, 200, userInfo.profile(header.substring(7).trim()));
        } catch (UserInfo.RefusedException e) {
            unauthorized(exchange, "invalid_token", e.getMessage());
        }
    }

    private static void unauthorized(HttpExchange exchange, String error, String description) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate",
                "Bearer error=\"" + error + "\", error_description=\"" + description.replace("\"", "'") + "\"");
        HttpExchanges.sendBytes(exchange, 401, "text/plain; charset=utf-8", "Unauthorized");
    }
}
