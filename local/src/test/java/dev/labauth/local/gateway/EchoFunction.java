package dev.labauth.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers with what it received, read through the real proxy event type, and the environment it was given. */
public final class EchoFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final Map<String, String> environment;

    public EchoFunction(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("resource", event.getResource());
        echo.put("path", event.getPath());
        echo.put("method", event.getHttpMethod());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("query", event.getMultiValueQueryStringParameters());
        echo.put("authorizer", event.getRequestContext().getAuthorizer());
        echo.put("stage", event.getRequestContext().getStage());
        echo.put("body", event.getBody());
        echo.put("environment", environment);
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Echo", "yes"))
                .withBody(JSONObjectUtils.toJSONString(echo));
    }
}
