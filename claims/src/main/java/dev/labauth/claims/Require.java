package dev.labauth.claims;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks a function makes before it acts. Each answers with the 403 to return, or empty when
 * the request may go on:
 * <pre>{@code
 * CallerResult result = Callers.of(event);
 * Optional<APIGatewayProxyResponseEvent> refused = Require.scope(result, "read:experiments");
 * if (refused.isPresent()) {
 *     return refused.get();
 * }
 * Caller caller = result.authenticated().orElseThrow(); // present: the check passed
 * }</pre>
 */
public final class Require {
    // RFC 6749 §3.3 scope-token: printable ASCII except space, '"' and '\'; also safe in the challenge.
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private Require() {
    }

    /** The refusal, as a value, if the caller lacks {@code scope} (as a scope or a permission, exactly). */
    public static Optional<Refusal> refusal(CallerResult result, String scope) {
        checkScopeToken(scope);
        if (result instanceof CallerResult.Authenticated authenticated) {
            return authenticated.caller().has(scope) ? Optional.empty() : Optional.of(Refusal.insufficientScope(scope));
        }
        return Optional.of(Refusal.unauthenticated(((CallerResult.Unauthenticated) result).reason(), Optional.of(scope)));
    }

    /** The refusal, as a value, if there is no caller at all. */
    public static Optional<Refusal> refusal(CallerResult result) {
        return result instanceof CallerResult.Unauthenticated none
                ? Optional.of(Refusal.unauthenticated(none.reason(), Optional.empty()))
                : Optional.empty();
    }

    /** REST API: 403 unless the caller holds {@code scope}. */
    public static Optional<APIGatewayProxyResponseEvent> scope(CallerResult result, String scope) {
        return refusal(result, scope).map(Refusal::toProxyResponse);
    }

    /** REST API: 403 unless there is a caller. */
    public static Optional<APIGatewayProxyResponseEvent> authenticated(CallerResult result) {
        return refusal(result).map(Refusal::toProxyResponse);
    }

    /** HTTP API: 403 unless the caller holds {@code scope}. */
    public static Optional<APIGatewayV2HTTPResponse> scopeHttpApi(CallerResult result, String scope) {
        return refusal(result, scope).map(Refusal::toHttpApiResponse);
    }

    /** HTTP API: 403 unless there is a caller. */
    public static Optional<APIGatewayV2HTTPResponse> authenticatedHttpApi(CallerResult result) {
        return refusal(result).map(Refusal::toHttpApiResponse);
    }

    private static void checkScopeToken(String scope) {
        if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
            throw new IllegalArgumentException("not a scope token (RFC 6749 §3.3): " + scope);
        }
    }
}
