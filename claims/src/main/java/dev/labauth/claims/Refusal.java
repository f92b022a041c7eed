package dev.labauth.claims;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A 403 a function gives, as a value: defined once here, rendered for a REST or an HTTP API
 * response by the two methods below, so every function refuses in the same words.
 *
 * @param error       the machine-readable code ({@code insufficient_scope}, {@code unauthenticated}, …)
 * @param description for the person reading the response; never holds a token
 * @param required    the scope or permission the request lacked, when that is why
 */
public record Refusal(String error, String description, Optional<String> required) {
    /** Always 403: the authorizer has already turned away callers without a valid token (401). */
    public static final int STATUS = 403;
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    public static final String UNAUTHENTICATED = "unauthenticated";

    public Refusal {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(required, "required");
    }

    /** The caller's token grants neither the scope nor the permission {@code scope}. */
    public static Refusal insufficientScope(String scope) {
        return new Refusal(INSUFFICIENT_SCOPE,
                "the access token grants neither the scope nor the permission " + scope, Optional.of(scope));
    }

    /** No caller on the request (field case C-17); {@code required} names what was being asked for, if anything. */
    public static Refusal unauthenticated(String reason, Optional<String> required) {
        return new Refusal(UNAUTHENTICATED, reason, required);
    }

    /** Any other 403 a function decides on, such as "not the owner". */
    public static Refusal forbidden(String error, String description) {
        return new Refusal(error, description, Optional.empty());
    }

    /** The REST API (payload 1.0) response. */
    public APIGatewayProxyResponseEvent toProxyResponse() {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(STATUS)
                .withHeaders(headers())
                .withBody(body());
    }

    /** The HTTP API (payload 2.0) response. */
    public APIGatewayV2HTTPResponse toHttpApiResponse() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(STATUS)
                .withHeaders(headers())
                .withBody(body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** {@code {"error":…,"error_description":…,"required":…}}, {@code required} only when known. */
    public String body() {
        StringBuilder json = new StringBuilder("{\"error\":").append(JsonText.quote(error))
                .append(",\"error_description\":").append(JsonText.quote(description));
        required.ifPresent(scope -> json.append(",\"required\":").append(JsonText.quote(scope)));
        return json.append('}').toString();
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        // RFC 6750 §3.1: a bearer resource server names the missing scope in the challenge.
        if (error.equals(INSUFFICIENT_SCOPE)) {
            headers.put("WWW-Authenticate",
                    "Bearer error=\"insufficient_scope\", scope=\"" + required.orElseThrow() + "\"");
        }
        return headers;
    }
}
