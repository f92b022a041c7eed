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

    static String token(String route, String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request.json");
        event.put("methodArn", onRoute((String) event.get("methodArn"), route));
        if (authorization == null) {
            event.remove("authorizationToken");
        } else {
            event.put("authorizationToken", authorization);
        }
        return JSONObjectUtils.toJSONString(event);
    }

    static String request(String route, String headerName, String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request-type-request.json");
        event.put("methodArn", onRoute((String) event.get("methodArn"), route));
        if (authorization != null) {
            map(event, "headers").put(headerName, authorization);
            map(event, "multiValueHeaders").put(headerName, List.of(authorization));
        }
        return JSONObjectUtils.toJSONString(event);
    }

    static String httpApi(String route, String authorization) {
        Map<String, Object> event = load("apigw-v2-custom-authorizer-v2-request.json");
        event.put("routeArn", onRoute((String) event.get("routeArn"), route));
        event.put("routeKey", route);
        if (authorization != null) {
            map(event, "headers").put("authorization", authorization);
            event.put("identitySource", List.of(authorization));
        }
        return JSONObjectUtils.toJSONString(event);
    }

    /**
     * The sample's ARN moved to one of the lab's routes ({@code "GET /experiments"}) on stage
     * {@code dev}: the access rules decide by route, and AWS's samples name routes the lab lacks.
     */
    static String onRoute(String sampleArn, String route) {
        String[] parts = sampleArn.split("/", 2);
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 2);
        return parts[0] + "/dev/" + method + "/" + path;
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
