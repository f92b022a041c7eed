package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import java.util.Map;

/**
 * HTTP API authorizer, payload format 2.0, with simple responses ({@code isAuthorized} and a
 * context). Opt in by naming this handler and enabling simple responses on the authorizer.
 */
public final class HttpApiSimpleAuthorizer
        implements RequestHandler<HttpApiAuthorizerEvent, SimpleIAMPolicyResponse> {
    static final String NAME = "http-simple";

    private final AuthorizerEngine engine;

    /** As the Lambda runtime builds it: configured from the process environment. */
    public HttpApiSimpleAuthorizer() {
        this(AuthorizerEngine.shared());
    }

    /** Configured from a given environment: how the local stack runs several functions in one JVM. */
    public HttpApiSimpleAuthorizer(Map<String, String> environment) {
        this(AuthorizerEngine.fromEnvironment(environment, System.err::println));
    }

    public HttpApiSimpleAuthorizer(AuthorizerEngine engine) {
        this.engine = engine;
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(HttpApiAuthorizerEvent event, Context context) {
        return Answers.simple(HttpApiRequests.decide(engine, NAME, event, HttpApiRequests.routeOf(engine, NAME, event)));
    }
}
