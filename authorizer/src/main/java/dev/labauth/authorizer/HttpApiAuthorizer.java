package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import java.util.Map;

/**
 * HTTP API authorizer, payload format 2.0, answering with an IAM policy over the stage of
 * {@code routeArn}: the default, because such an answer stays right whatever the cache key is.
 * {@link HttpApiSimpleAuthorizer} answers with a simple response instead.
 */
public final class HttpApiAuthorizer implements RequestHandler<HttpApiAuthorizerEvent, IamPolicyResponse> {
    static final String NAME = "http";

    private final AuthorizerEngine engine;

    /** As the Lambda runtime builds it: configured from the process environment. */
    public HttpApiAuthorizer() {
        this(AuthorizerEngine.shared());
    }

    /** Configured from a given environment: how the local stack runs several functions in one JVM. */
    public HttpApiAuthorizer(Map<String, String> environment) {
        this(AuthorizerEngine.fromEnvironment(environment, System.err::println));
    }

    public HttpApiAuthorizer(AuthorizerEngine engine) {
        this.engine = engine;
    }

    @Override
    public IamPolicyResponse handleRequest(HttpApiAuthorizerEvent event, Context context) {
        ExecuteApiArn route = HttpApiRequests.routeOf(engine, NAME, event);
        return Answers.iamPolicy(engine, HttpApiRequests.decide(engine, NAME, event, route), route);
    }
}
