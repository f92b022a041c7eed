package dev.labauth.benchmarks;

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
 * AWS's sample authorizer events (resources {@code /events}, see PROVENANCE.md), made into a request
 * for one of the lab's routes on stage {@value #STAGE} with an Authorization value written in where API
 * Gateway puts it: TOKEN in {@code authorizationToken}; REQUEST in {@code headers} and
 * {@code multiValueHeaders}; HTTP API 2.0 lower-cased in {@code headers} and in {@code identitySource}.
 *
 * <p>The samples' own ARNs name routes the lab's rules do not list (they would be denied), so the ARN
 * is moved to the route asked for; everything else stays as AWS wrote it.
 */
public final class SampleEvents {
    public static final String STAGE = "dev";

    private SampleEvents() {
    }

    public static String token(String method, String path, String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request.json");
        event.put("methodArn", arnFor((String) event.get("methodArn"), method, path));
        event.put("authorizationToken", authorization);
        return JSONObjectUtils.toJSONString(event);
    }

    public static String request(String method, String path, String authorization) {
        Map<String, Object> event = load("apigw-custom-auth-request-type-request.json");
        event.put("methodArn", arnFor((String) event.get("methodArn"), method, path));
        event.put("httpMethod", method);
        event.put("path", path);
        event.put("resource", path);
        map(event, "headers").put("Authorization", authorization);
        map(event, "multiValueHeaders").put("Authorization", List.of(authorization));
        return JSONObjectUtils.toJSONString(event);
    }

    public static String httpApi(String method, String path, String authorization) {
        Map<String, Object> event = load("apigw-v2-custom-authorizer-v2-request.json");
        String routeKey = method + " " + path;
        event.put("routeArn", arnFor((String) event.get("routeArn"), method, path));
        event.put("routeKey", routeKey);
        event.put("rawPath", "/" + STAGE + path);
        map(event, "headers").put("authorization", authorization);
        event.put("identitySource", List.of(authorization));
        Map<String, Object> requestContext = map(event, "requestContext");
        requestContext.put("routeKey", routeKey);
        requestContext.put("stage", STAGE);
        Map<String, Object> http = map(requestContext, "http");
        http.put("method", method);
        http.put("path", "/" + STAGE + path);
        return JSONObjectUtils.toJSONString(event);
    }

    /** {@code arn:…:API_ID} of the sample, then {@code /STAGE/METHOD/path}. */
    static String arnFor(String sampleArn, String method, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        return sampleArn.substring(0, sampleArn.indexOf('/')) + "/" + STAGE + "/" + method + path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) parent.getOrDefault(key, Map.of()));
        parent.put(key, m);
        return m;
    }

    private static Map<String, Object> load(String name) {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample event " + name + " is missing");
            }
            return new LinkedHashMap<>(JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("sample event " + name + " is not JSON", e);
        }
    }
}
