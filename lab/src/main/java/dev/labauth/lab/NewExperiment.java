package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The body of {@code POST /experiments}: {@code {"name": "…"}}. Other fields are ignored (an
 * {@code owner} in the body in particular: the owner is always the caller).
 */
record NewExperiment(String name) {
    /** Longest name accepted, in characters (code points). */
    static final int MAX_NAME_LENGTH = 100;
    /** Longest body read at all; a name fits many times over. */
    static final int MAX_BODY_BYTES = 4096;

    // Strict: a duplicate "name" could mean different things to different readers; deep nesting is
    // no experiment.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    private static final JSON READER = JSON.builder(FACTORY).enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS).build();

    /** Why a body was refused; the message is safe to show the client. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static NewExperiment parse(APIGatewayProxyRequestEvent event) throws Invalid {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new Invalid("the request needs a JSON body {\"name\": \"…\"}");
        }
        byte[] bytes;
        try {
            bytes = Boolean.TRUE.equals(event.getIsBase64Encoded())
                    ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the body is marked base64 but is not");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Invalid("the body is longer than " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, Object> json = object(bytes);
        if (!(json.get("name") instanceof String raw)) {
            throw new Invalid("\"name\" must be a string");
        }
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new Invalid("\"name\" must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new Invalid("\"name\" is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new Invalid("\"name\" must not contain control characters");
        }
        return new NewExperiment(name);
    }

    private static Map<String, Object> object(byte[] bytes) throws Invalid {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            Object json = READER.anyFrom(parser);
            // One value and nothing after it: "{…} junk" is not a body we understood.
            if (parser.nextToken() != null) {
                throw new Invalid("the body has content after the JSON object");
            }
            if (!(json instanceof Map<?, ?> object)) {
                throw new Invalid("the body must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) object;
            return fields;
        } catch (IOException e) {
            throw new Invalid("the body is not valid JSON");
        }
    }
}
