package dev.labauth.local.issuer;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The dev issuer's controls under {@code /dev/}, for trying key rotation and JWKS outages by hand
 * (docs/dev-issuer.md):
 * <pre>
 * GET  /dev/keys                 the kids of the current, next, previous and revoked keys
 * POST /dev/keys/rotate          the next key signs from now on; the current one stays published as previous
 * POST /dev/keys/revoke[?kid=K]  stop publishing the previous keys (or just K)
 * GET  /dev/jwks                 how the JWKS endpoint answers
 * POST /dev/jwks?mode=normal|slow|unavailable[&amp;delayMs=N]
 * </pre>
 * Parameters may come in the query or as a form body. Requests from a browser page (any
 * {@code Origin} header) or for another host name are refused, so that no web page can work them.
 */
final class DevEndpoints {
    private final KeyRing keys;
    private final Supplier<JwksMode> jwksMode;
    private final Consumer<JwksMode> setJwksMode;

    DevEndpoints(KeyRing keys, Supplier<JwksMode> jwksMode, Consumer<JwksMode> setJwksMode) {
        this.keys = keys;
        this.jwksMode = jwksMode;
        this.setJwksMode = setJwksMode;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!fromLoopbackTool(exchange)) {
            HttpExchanges.send(exchange, 403, Map.of("error", "forbidden",
                    "error_description", "dev endpoints answer loopback tools only (no Origin header, a loopback Host)"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> params;
        try {
            params = HttpExchanges.queryParams(exchange);
            if (exchange.getRequestMethod().equals("POST")) {
                HttpExchanges.bodyParams(exchange).forEach(params::putIfAbsent);
            }
        } catch (IllegalArgumentException e) {
            HttpExchanges.oauthError(exchange, 400, "invalid_request", e.getMessage());
            return;
        }
        switch (path) {
            case "/dev/keys" -> {
                if (HttpExchanges.allow(exchange, "GET")) {
                    HttpExchanges.send(exchange, 200, keyState(keys.state()));
                }
            }
            case "/dev/keys/rotate" -> {
                if (HttpExchanges.allow(exchange, "POST")) {
                    HttpExchanges.send(exchange, 200, keyState(keys.rotate()));
                }
            }
            case "/dev/keys/revoke" -> {
                if (HttpExchanges.allow(exchange, "POST")) {
                    revoke(exchange, params.get("kid"));
                }
            }
            case "/dev/jwks" -> {
                if (HttpExchanges.allow(exchange, "GET", "POST")) {
                    if (exchange.getRequestMethod().equals("POST")) {
                        setMode(exchange, params);
                    } else {
                        HttpExchanges.send(exchange, 200, modeJson(jwksMode.get()));
                    }
                }
            }
            default -> HttpExchanges.notFound(exchange);
        }
    }

    private void revoke(HttpExchange exchange, String kid) throws IOException {
        if (kid == null || kid.isEmpty()) {
            HttpExchanges.send(exchange, 200, keyState(keys.revokePrevious()));
        } else if (keys.revoke(kid)) {
            HttpExchanges.send(exchange, 200, keyState(keys.state()));
        } else {
            KeyRing.State state = keys.state();
            String why = kid.equals(state.current()) || kid.equals(state.next())
                    ? "the current and the next key cannot be revoked: rotate first"
                    : "no previous key has kid " + kid;
            HttpExchanges.send(exchange, 409, Map.of("error", "conflict", "error_description", why));
        }
    }

    private void setMode(HttpExchange exchange, Map<String, String> params) throws IOException {
        JwksMode mode;
        try {
            mode = mode(params);
        } catch (IllegalArgumentException e) {
            HttpExchanges.oauthError(exchange, 400, "invalid_request", e.getMessage());
            return;
        }
        setJwksMode.accept(mode);
        HttpExchanges.send(exchange, 200, modeJson(mode));
    }

    static JwksMode mode(Map<String, String> params) {
        String name = params.get("mode");
        if (name == null) {
            throw new IllegalArgumentException("mode is required: normal, slow or unavailable");
        }
        String delay = params.get("delayMs");
        JwksMode.Kind kind;
        try {
            kind = JwksMode.Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be normal, slow or unavailable, not " + name);
        }
        if (kind != JwksMode.Kind.SLOW) {
            if (delay != null) {
                throw new IllegalArgumentException("delayMs goes with mode=slow only");
            }
            return kind == JwksMode.Kind.NORMAL ? JwksMode.normal() : JwksMode.unavailable();
        }
        if (delay == null) {
            return JwksMode.slow(JwksMode.DEFAULT_SLOW_DELAY);
        }
        try {
            return JwksMode.slow(Duration.ofMillis(Long.parseLong(delay)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("delayMs must be a whole number of milliseconds, not " + delay);
        }
    }

    static Map<String, Object> modeJson(JwksMode mode) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode.kind().name().toLowerCase(Locale.ROOT));
        json.put("delayMs", mode.delay().toMillis());
        return json;
    }

    static Map<String, Object> keyState(KeyRing.State state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current", state.current());
        json.put("next", state.next());
        json.put("previous", state.previous());
        json.put("revoked", state.revoked());
        return json;
    }

    /** curl and the CLI send no Origin and name a loopback host; a browser page (or a rebound DNS name) does not. */
    private static boolean fromLoopbackTool(HttpExchange exchange) {
        if (exchange.getRequestHeaders().containsKey("Origin")) {
            return false;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipLiteral = name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || name.contains(":") && name.matches("[0-9a-fA-F:.]+");
        if (!ipLiteral) {
            return false; // a DNS name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
