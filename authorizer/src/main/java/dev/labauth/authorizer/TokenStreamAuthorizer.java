package dev.labauth.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.core.verify.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The REST API TOKEN authorizer as a stream handler. It decides exactly as {@link TokenAuthorizer}
 * (which it calls, so the answer, the log line and the thrown errors are the same), but reads the event
 * and writes the answer itself, so that the Lambda runtime never starts its Jackson serialiser, a large
 * share of a Java cold start; the template deploys it (README, Performance).
 *
 * <p>An input that is not a TOKEN event (not a JSON object, a member that is not a string, too large)
 * means the function is wired to something other than a TOKEN authorizer: it is logged and answered
 * as {@code misconfigured} (500), never looked at further.
 */
public final class TokenStreamAuthorizer implements RequestStreamHandler {
    private final AuthorizerEngine engine;
    private final TokenAuthorizer handler;

    /** As the Lambda runtime builds it: configured from the process environment. */
    public TokenStreamAuthorizer() {
        this(AuthorizerEngine.shared());
    }

    /** Configured from a given environment, as the other handlers can be. */
    public TokenStreamAuthorizer(Map<String, String> environment) {
        this(AuthorizerEngine.fromEnvironment(environment, System.err::println));
    }

    public TokenStreamAuthorizer(AuthorizerEngine engine) {
        this.engine = engine;
        this.handler = new TokenAuthorizer(engine);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayCustomAuthorizerEvent event;
        try {
            event = StreamAnswers.readTokenEvent(input);
        } catch (StreamAnswers.NotATokenEvent e) {
            throw Answers.refusal((Decision.Refuse) engine.refuse(TokenAuthorizer.NAME, Reason.MISCONFIGURED,
                    e.getMessage(), null));
        }
        StreamAnswers.write(handler.handleRequest(event, context), output);
    }
}
