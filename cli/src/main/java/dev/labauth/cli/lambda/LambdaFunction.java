package dev.labauth.cli.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.HttpApiAuthorizer;
import dev.labauth.authorizer.HttpApiSimpleAuthorizer;
import dev.labauth.authorizer.RequestAuthorizer;
import dev.labauth.authorizer.TokenAuthorizer;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import dev.labauth.local.lambda.LambdaRuntime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function {@code labauth invoke} can run: its name, the types the runtime converts the event
 * into and the response out of, and how to build its handler around an engine.
 */
public record LambdaFunction<I, O>(
        String name, String handlerClass, Class<I> eventType, Class<O> responseType,
        Function<AuthorizerEngine, RequestHandler<I, O>> handler) {

    public static final LambdaFunction<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> TOKEN_AUTHORIZER =
            new LambdaFunction<>("token-authorizer", TokenAuthorizer.class.getName(),
                    APIGatewayCustomAuthorizerEvent.class, IamPolicyResponse.class, TokenAuthorizer::new);
    public static final LambdaFunction<RestRequestAuthorizerEvent, IamPolicyResponse> REQUEST_AUTHORIZER =
            new LambdaFunction<>("request-authorizer", RequestAuthorizer.class.getName(),
                    RestRequestAuthorizerEvent.class, IamPolicyResponse.class, RequestAuthorizer::new);
    public static final LambdaFunction<HttpApiAuthorizerEvent, IamPolicyResponse> HTTP_AUTHORIZER =
            new LambdaFunction<>("http-authorizer", HttpApiAuthorizer.class.getName(),
                    HttpApiAuthorizerEvent.class, IamPolicyResponse.class, HttpApiAuthorizer::new);
    public static final LambdaFunction<HttpApiAuthorizerEvent, SimpleIAMPolicyResponse> HTTP_SIMPLE_AUTHORIZER =
            new LambdaFunction<>("http-simple-authorizer", HttpApiSimpleAuthorizer.class.getName(),
                    HttpApiAuthorizerEvent.class, SimpleIAMPolicyResponse.class, HttpApiSimpleAuthorizer::new);

    public static final List<LambdaFunction<?, ?>> ALL =
            List.of(TOKEN_AUTHORIZER, REQUEST_AUTHORIZER, HTTP_AUTHORIZER, HTTP_SIMPLE_AUTHORIZER);

    public static Optional<LambdaFunction<?, ?>> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The function's handler around an engine: the runtime's instance, warm across invocations. */
    public LambdaRuntime.Function<I, O> instance(AuthorizerEngine engine) {
        return LambdaRuntime.of(name, handler.apply(engine), eventType, responseType);
    }
}
