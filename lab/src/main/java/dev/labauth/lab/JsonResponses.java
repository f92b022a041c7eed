package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lab's answers: JSON bodies with {@code Content-Type: application/json}, errors in one shape. */
final class JsonResponses {
    // Absent optional fields are written as null so every /me answer has the same keys.
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private JsonResponses() {
    }

    static APIGatewayProxyResponseEvent json(int status, Map<String, ?> body) {
        return json(status, body, Map.of());
    }

    static APIGatewayProxyResponseEvent json(int status, Map<String, ?> body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers)
                    .withBody(WRITER.asString(body));
        } catch (IOException e) {
            throw new UncheckedIOException("maps of strings and lists cannot fail to serialise", e);
        }
    }

    /** {@code {"error":…,"error_description":…}}, the shape the claims library's 403 has too. */
    static APIGatewayProxyResponseEvent error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    static APIGatewayProxyResponseEvent noContent() {
        return new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(Map.of());
    }
}
