package dev.labauth.local.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API proxy integration event (payload 1.0) for one request, shaped as API Gateway sends it:
 * single- and multi-value headers and query parameters, path parameters, and the authorizer's
 * answer in {@code requestContext.authorizer} with every context value turned into a string.
 */
final class ProxyEvent {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String API_ID = "labauthlcl";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProxyEvent() {
    }

    record Request(String method, String path, String resource, Map<String, List<String>> headers,
            Map<String, List<String>> query, Map<String, String> pathParameters, String body, String sourceIp,
            String requestId, Instant time, String host) {
    }

    static String methodArn(String stage, String method, String path) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + API_ID + "/" + stage + "/" + method + "/"
                + (path.startsWith("/") ? path.substring(1) : path);
    }

    static Map<String, Object> build(Request r, String stage, AuthorizerAnswer answer) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", r.resource());
        event.put("path", r.path());
        event.put("httpMethod", r.method());
        event.put("headers", r.headers().isEmpty() ? null : last(r.headers()));
        event.put("multiValueHeaders", r.headers().isEmpty() ? null : r.headers());
        event.put("queryStringParameters", r.query().isEmpty() ? null : last(r.query()));
        event.put("multiValueQueryStringParameters", r.query().isEmpty() ? null : r.query());
        event.put("pathParameters", r.pathParameters().isEmpty() ? null : r.pathParameters());
        event.put("stageVariables", null);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourceId", Integer.toHexString(r.resource().hashCode() & 0xffffff));
        context.put("resourcePath", r.resource());
        context.put("httpMethod", r.method());
        context.put("extendedRequestId", r.requestId());
        context.put("requestTime", REQUEST_TIME.format(r.time()));
        context.put("path", "/" + stage + r.path());
        context.put("accountId", ACCOUNT);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stage);
        context.put("domainPrefix", "localhost");
        context.put("requestTimeEpoch", r.time().toEpochMilli());
        context.put("requestId", r.requestId());
        Map<String, Object> identity = new LinkedHashMap<>();
        // A caller without IAM, Cognito or an API key: API Gateway sends these fields, as nulls.
        for (String absent : List.of("accessKey", "accountId", "apiKey", "apiKeyId", "caller", "clientCert",
                "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
                "cognitoIdentityPoolId", "principalOrgId", "user", "userArn")) {
            identity.put(absent, null);
        }
        identity.put("sourceIp", r.sourceIp());
        identity.put("userAgent", first(r.headers(), "User-Agent"));
        context.put("identity", identity);
        context.put("domainName", r.host());
        context.put("apiId", API_ID);
        if (answer != null) {
            Map<String, Object> authorizer = new LinkedHashMap<>();
            answer.context().forEach((k, v) -> authorizer.put(k, String.valueOf(v)));
            authorizer.put("principalId", answer.principalId());
            context.put("authorizer", authorizer);
        }
        event.put("requestContext", context);
        event.put("body", r.body());
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, String> last(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((k, v) -> single.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
        return single;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
