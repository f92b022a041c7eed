package dev.labauth.claims;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The AWS-authored sample events under {@code testdata/apigateway/} (see its PROVENANCE.md), read
 * the way the Lambda Java runtime reads an event. A test that needs another authorizer block swaps
 * it in the JSON text before reading, so the event still goes through the runtime's deserialiser.
 */
final class SampleEvents {
    static final String REST = "aws-lambda-go/apigw-request.json";
    static final String REST_DOCS = "aws-docs/set-up-lambda-proxy-integrations__03.json";
    static final String HTTP_LAMBDA = "aws-lambda-go/apigw-v2-request-lambda-authorizer.json";
    static final String HTTP_JWT = "aws-lambda-go/apigw-v2-request-jwt-authorizer.json";
    static final String HTTP_NONE = "aws-lambda-go/apigw-v2-request-no-authorizer.json";
    static final String HTTP_IAM = "aws-lambda-go/apigw-v2-request-iam.json";

    private static final String AUTHORIZER_KEY = "\"authorizer\"";

    private SampleEvents() {
    }

    static String text(String name) {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/testdata/apigateway/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayProxyRequestEvent rest(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, SampleEvents.class.getClassLoader())
                .fromJson(json);
    }

    /** Not in the runtime's list of event classes, so it gets the runtime's plain Jackson serialiser. */
    static APIGatewayV2HTTPEvent http(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, SampleEvents.class.getClassLoader())
                .fromJson(json);
    }

    /** {@code json} with the value of its one {@code "authorizer"} member replaced by {@code authorizer}. */
    static String withAuthorizer(String json, String authorizer) {
        int[] value = authorizerValue(json);
        return json.substring(0, value[0]) + authorizer + json.substring(value[1]);
    }

    /** {@code json} without its {@code "authorizer"} member (the key, the value and the comma after it). */
    static String withoutAuthorizer(String json) {
        int start = json.indexOf(AUTHORIZER_KEY);
        int end = authorizerValue(json)[1];
        while (Character.isWhitespace(json.charAt(end))) {
            end++;
        }
        if (json.charAt(end) != ',') {
            throw new IllegalArgumentException("the authorizer member is not followed by another member");
        }
        return json.substring(0, start) + json.substring(end + 1);
    }

    /** Start and end (exclusive) of the authorizer object; one must exist, and only one. */
    private static int[] authorizerValue(String json) {
        int key = json.indexOf(AUTHORIZER_KEY);
        if (key < 0 || json.indexOf(AUTHORIZER_KEY, key + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one authorizer member");
        }
        int start = json.indexOf('{', json.indexOf(':', key));
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return new int[] {start, i + 1};
            }
        }
        throw new IllegalArgumentException("unbalanced authorizer object");
    }
}
