package dev.labauth.local.issuer;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.json.JsonObjects;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small HTTP chores of the dev issuer's handlers: read parameters, check the method, answer JSON. */
final class HttpExchanges {
    /** Auth0 refuses token request bodies beyond a few KiB; so do we, before parsing. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private HttpExchanges() {
    }

    /** The request body as form fields ({@code application/x-www-form-urlencoded}) or a JSON object's string members. */
    static Map<String, String> bodyParams(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("request body larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/json")) {
            Map<String, String> params = new LinkedHashMap<>();
            try {
                JsonObjects.parse(text).forEach((k, v) -> {
                    if (v instanceof String s) {
                        params.put(k, s);
                    }
                });
            } catch (ParseException e) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            return params;
        }
        return form(text);
    }

    /** The query string's parameters. */
    static Map<String, String> queryParams(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? new LinkedHashMap<>() : form(query);
    }

    static Map<String, String> form(String text) {
        Map<String, String> params = new LinkedHashMap<>();
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
        return params;
    }

    /** client_secret_basic: the client's id and secret in an HTTP Basic header fill in what the body lacks. */
    static void basicCredentials(HttpExchange exchange, Map<String, String> params) {
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

    /** True when the method is one of those allowed; otherwise answers 405 and returns false. */
    static boolean allow(HttpExchange exchange, String... methods) throws IOException {
        if (List.of(methods).contains(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", String.join(", ", methods));
        send(exchange, 405, Map.of("error", "method_not_allowed"));
        return false;
    }

    /** The JDK server routes by path prefix; a handler serves its exact path only. */
    static boolean exactPath(HttpExchange exchange, String path) throws IOException {
        if (exchange.getRequestURI().getPath().equals(path)) {
            return true;
        }
        notFound(exchange);
        return false;
    }

    static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, Map.of("error", "not_found", "error_description", "no such endpoint: "
                + exchange.getRequestURI().getPath()));
    }

    static void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        send(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        sendBytes(exchange, status, "application/json", JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(json)));
    }

    static void sendBytes(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
