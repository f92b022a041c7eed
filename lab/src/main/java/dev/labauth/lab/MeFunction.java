package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.labauth.claims.Caller;
import dev.labauth.claims.CallerResult;
import dev.labauth.claims.Callers;
import dev.labauth.claims.Require;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /me}: the caller as the authorizer described it. Any authenticated caller may ask;
 * the answer has the same keys for everyone, {@code null} where the token says nothing.
 */
public final class MeFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** The Lambda runtime's constructor. */
    public MeFunction() {
        this(System.getenv());
    }

    /** With the function's environment (the template's Environment.Variables); /me reads none of it. */
    public MeFunction(Map<String, String> environment) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        CallerResult result = Callers.of(event);
        Optional<APIGatewayProxyResponseEvent> refused = Require.authenticated(result);
        if (refused.isPresent()) {
            return refused.get();
        }
        Caller caller = result.authenticated().orElseThrow();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("sub", caller.subject());
        me.put("email", caller.email().orElse(null));
        me.put("scopes", caller.scopes());
        me.put("permissions", caller.permissions());
        me.put("roles", caller.roles());
        me.put("clientId", caller.clientId().orElse(null));
        me.put("grantType", caller.grantType().orElse(null));
        return JsonResponses.json(200, me);
    }
}
