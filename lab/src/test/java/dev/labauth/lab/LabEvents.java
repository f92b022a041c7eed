package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * REST proxy requests to the lab's functions, made from AWS's sample event (testdata, unchanged on
 * disk) and sent through the Lambda runtime's serialisers both ways, as in Lambda.
 */
final class LabEvents {
    private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LabEvents.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LabEvents.class.getClassLoader());
    private static final String SAMPLE = "/testdata/apigateway/aws-lambda-go/apigw-request.json";

    /**
     * The callers the lab meets, as a REST API hands their authorizer context to a function: every
     * value a string (DESIGN.md's keys, sets space-separated), {@code principalId} beside them.
     */
    enum Who {
        MEMBER(Map.of("principalId", "auth0|member", "sub", "auth0|member", "scope", "openid profile email",
                "permissions", "create:experiments read:experiments", "roles", "lab-member",
                "clientId", "lab-spa", "email", "member@lab.example", "email_verified", "true")),
        ADMIN(Map.of("principalId", "auth0|admin", "sub", "auth0|admin", "scope", "openid profile",
                "permissions", "create:experiments read:experiments", "roles", "lab-admin lab-member",
                "clientId", "lab-spa", "email", "admin@lab.example", "email_verified", "true")),
        GUEST(Map.of("principalId", "auth0|guest", "sub", "auth0|guest", "scope", "openid profile",
                "permissions", "", "roles", "", "clientId", "lab-spa")),
        MACHINE(Map.of("principalId", "svc-client@clients", "sub", "svc-client@clients",
                "scope", "read:experiments create:experiments", "permissions", "", "roles", "",
                "clientId", "svc-client", "grantType", "client-credentials")),
        /** The route is not behind the authorizer: no authorizer block at all. */
        NOBODY(null);

        final Map<String, String> context;

        Who(Map<String, String> context) {
            this.context = context;
        }

        String sub() {
            return context.get("sub");
        }
    }

    /** What the function answered, read back from the bytes the runtime would send API Gateway. */
    record Answer(int status, Map<String, Object> headers, String body) {
        Map<String, Object> json() {
            try {
                return JSON.std.mapFrom(body);
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        Object header(String name) {
            return headers == null ? null : headers.get(name);
        }
    }

    private LabEvents() {
    }

    static APIGatewayProxyRequestEvent request(Who who, String method, String resource, String path,
                                               Map<String, String> pathParameters, String body) {
        APIGatewayProxyRequestEvent event = EVENTS.fromJson(sample());
        event.setHttpMethod(method);
        event.setResource(resource);
        event.setPath(path);
        event.setPathParameters(pathParameters);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        event.getRequestContext().setHttpMethod(method);
        event.getRequestContext().setResourcePath(resource);
        event.getRequestContext().setPath(path);
        event.getRequestContext().setAuthorizer(who.context == null ? null : new LinkedHashMap<>(who.context));
        return event;
    }

    static Answer invoke(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
                         APIGatewayProxyRequestEvent event) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        EVENTS.toJson(event, in);
        APIGatewayProxyResponseEvent response = function.handleRequest(EVENTS.fromJson(in.toString(StandardCharsets.UTF_8)), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        try {
            Map<String, Object> wire = JSON.std.mapFrom(out.toByteArray());
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) wire.get("headers");
            return new Answer(((Number) wire.get("statusCode")).intValue(), headers, (String) wire.get("body"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sample() {
        try (InputStream in = LabEvents.class.getResourceAsStream(SAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
