package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.json.JsonObjects;
import dev.labauth.authorizer.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * What the stream handler does in place of the Lambda runtime's serialiser: the TOKEN event read with
 * Nimbus's JSON parser, the answer written from the events library's getters (so the keys are spelled
 * as API Gateway needs them: {@code Version}, {@code Statement}, {@code Effect}…) with every string
 * escaped by {@link JsonText}. Null members are left out, as the runtime leaves them out.
 */
final class StreamAnswers {
    /** The largest event read. A TOKEN event is a header value and an ARN: a few kilobytes at most. */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private StreamAnswers() {
    }

    /** Why the input is not a TOKEN authorizer event; the message never quotes the input. */
    static final class NotATokenEvent extends Exception {
        private static final long serialVersionUID = 1L;

        NotATokenEvent(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The event's three members; an absent member is null, as the runtime's deserialiser leaves it.
     * A member that is present but not a string is refused rather than converted.
     */
    static APIGatewayCustomAuthorizerEvent readTokenEvent(InputStream in) throws IOException, NotATokenEvent {
        byte[] bytes = in.readNBytes(MAX_EVENT_BYTES + 1);
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new NotATokenEvent("the event is larger than " + MAX_EVENT_BYTES + " bytes");
        }
        Map<String, Object> json;
        try {
            // Nimbus's parser refuses duplicate keys and bounds nesting itself (a ParseException, not a stack overflow).
            json = JsonObjects.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            throw new NotATokenEvent("the event is not a JSON object");
        }
        if (json == null) { // the document "null"
            throw new NotATokenEvent("the event is not a JSON object");
        }
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType(member(json, "type"));
        event.setAuthorizationToken(member(json, "authorizationToken"));
        event.setMethodArn(member(json, "methodArn"));
        return event;
    }

    private static String member(Map<String, Object> json, String name) throws NotATokenEvent {
        try {
            return JSONObjectUtils.getString(json, name);
        } catch (ParseException e) {
            throw new NotATokenEvent("the event's " + name + " is not a string");
        }
    }

    static void write(IamPolicyResponse response, OutputStream out) throws IOException {
        StringBuilder json = new StringBuilder(1024).append('{');
        boolean first = member(json, true, "principalId", response.getPrincipalId());
        first = member(json, first, "policyDocument", response.getPolicyDocument());
        member(json, first, "context", response.getContext());
        out.write(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code "name":value} unless the value is null; returns whether nothing has been written yet. */
    private static boolean member(StringBuilder json, boolean first, String name, Object value) {
        if (value == null) {
            return first;
        }
        if (!first) {
            json.append(',');
        }
        JsonText.appendQuoted(json, name).append(':');
        value(json, value);
        return false;
    }

    private static void value(StringBuilder json, Object value) {
        if (value instanceof String s) {
            JsonText.appendQuoted(json, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger) {
            json.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a JSON number: " + d);
            }
            json.append(value);
        } else if (value instanceof BigDecimal decimal) {
            json.append(decimal.toString());
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                first = member(json, first, String.valueOf(e.getKey()), e.getValue());
            }
            json.append('}');
        } else if (value instanceof Collection<?> list) {
            json.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    json.append(',');
                }
                if (item == null) {
                    json.append("null");
                } else {
                    value(json, item);
                }
                first = false;
            }
            json.append(']');
        } else if (value instanceof Object[] array) {
            value(json, Arrays.asList(array));
        } else {
            // Nothing in an authorizer answer has another type; a new one must be written on purpose.
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }
}
