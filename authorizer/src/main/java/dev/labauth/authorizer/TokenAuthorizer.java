package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import dev.labauth.core.verify.Reason;
import java.util.Map;

/** REST API TOKEN authorizer: the event carries the Authorization value and the method ARN, nothing else. */
public final class TokenAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
    static final String NAME = "token";
    /** The {@code type} of every event API Gateway sends a TOKEN authorizer. */
    static final String TYPE = "TOKEN";

    private final AuthorizerEngine engine;

    /** As the Lambda runtime builds it: configured from the process environment. */
    public TokenAuthorizer() {
        this(AuthorizerEngine.shared());
    }

    /** Configured from a given environment: how the local stack runs several functions in one JVM. */
    public TokenAuthorizer(Map<String, String> environment) {
        this(AuthorizerEngine.fromEnvironment(environment, System.err::println));
    }

    public TokenAuthorizer(AuthorizerEngine engine) {
        this.engine = engine;
    }

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String methodArn = event == null ? null : event.getMethodArn();
        if (event == null || !TYPE.equals(event.getType())) {
            // A REQUEST event's credential is in its headers, which this handler never reads: the
            // function is wired to the wrong kind of authorizer, and every request would be refused.
            throw Answers.refusal((dev.labauth.authorizer.decision.Decision.Refuse) engine.refuse(
                    NAME, Reason.MISCONFIGURED, "not a TOKEN authorizer event: its type is not TOKEN", methodArn));
        }
        ExecuteApiArn arn = ExecuteApiArn.parse(methodArn).orElse(null);
        if (arn == null) {
            throw Answers.refusal((dev.labauth.authorizer.decision.Decision.Refuse) engine.refuse(
                    NAME, Reason.MISCONFIGURED, "methodArn is not an execute-api ARN", methodArn));
        }
        return Answers.iamPolicy(engine,
                engine.decide(NAME, event.getAuthorizationToken(), arn.method(), arn.path(), methodArn), arn);
    }
}
