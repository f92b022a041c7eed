package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.event.AuthorizationHeader;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import dev.labauth.core.verify.Reason;
import java.util.Map;

/** REST API REQUEST authorizer: finds the Authorization header among the request's headers, in any case. */
public final class RequestAuthorizer implements RequestHandler<RestRequestAuthorizerEvent, IamPolicyResponse> {
    static final String NAME = "request";

    private final AuthorizerEngine engine;

    /** As the Lambda runtime builds it: configured from the process environment. */
    public RequestAuthorizer() {
        this(AuthorizerEngine.shared());
    }

    /** Configured from a given environment: how the local stack runs several functions in one JVM. */
    public RequestAuthorizer(Map<String, String> environment) {
        this(AuthorizerEngine.fromEnvironment(environment, System.err::println));
    }

    public RequestAuthorizer(AuthorizerEngine engine) {
        this.engine = engine;
    }

    @Override
    public IamPolicyResponse handleRequest(RestRequestAuthorizerEvent event, Context context) {
        String methodArn = event == null ? null : event.getMethodArn();
        ExecuteApiArn arn = ExecuteApiArn.parse(methodArn).orElse(null);
        if (arn == null) {
            throw Answers.refusal((Decision.Refuse) engine.refuse(
                    NAME, Reason.MISCONFIGURED, "methodArn is not an execute-api ARN", methodArn));
        }
        AuthorizationHeader header = AuthorizationHeader.find(event.getHeaders(), event.getMultiValueHeaders());
        if (header instanceof AuthorizationHeader.Conflicting) {
            throw Answers.refusal((Decision.Refuse) engine.refuse(
                    NAME, Reason.MALFORMED, "two different Authorization values in one request", methodArn));
        }
        String value = header instanceof AuthorizationHeader.Value v ? v.value() : null;
        return Answers.iamPolicy(engine, engine.decide(NAME, value, arn.method(), arn.path(), methodArn), arn);
    }
}
