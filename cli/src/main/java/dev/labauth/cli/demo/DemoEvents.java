package dev.labauth.cli.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's own sample authorizer events (shipped in the jar), with a request's Authorization header
 * written into them the way API Gateway would: TOKEN in {@code authorizationToken}, REQUEST in
 * {@code headers} and {@code multiValueHeaders}, HTTP API 2.0 lower-cased in {@code headers}.
 */
final class DemoEvents {
    private static final String ROOT = "/demo/events/aws-lambda-go/";

    private DemoEvents() {
    }

    static String token(String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request.json");
        if (authorization == null) {
            event.remove("authorizationToken");
        } else {
            event.put("authorizationToken", authorization);
        }
        return JSONObjectUtils.toJSONString(event);
    }

    static String request(String headerName, String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request-type-request.json");
        if (authorization != null) {
            map(event, "headers").put(headerName, authorization);
            map(event, "multiValueHeaders").put(headerName, List.of(authorization));
        }
        return JSONObjectUtils.toJSONString(event);
    }

    static String httpApi(String authorization) {
        Map<String, Object> event = load("apigw-v2-custom-authorizer-v2-request.json");
        if (authorization != null) {
            map(event, "headers").put("authorization", authorization);
            event.put("identitySource", List.of(authorization));
        }
        return JSONObjectUtils.toJSONString(event);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> event, String key) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) event.getOrDefault(key, Map.of()));
        event.put(key, m);
        return m;
    }

    private static Map<String, Object> load(String name) {
        try (InputStream in = DemoEvents.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("sample event " + name + " is missing from the jar");
            }
            return new LinkedHashMap<>(JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("sample event " + name + " is not JSON", e);
        }
    }
}
