package dev.labauth.authorizer;

import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.event.AuthorizationHeader;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.policy.ExecuteApiArn;
import dev.labauth.core.verify.Reason;

/**
 * The route and credential of an HTTP API 2.0 event. The route comes from {@code routeArn}, the ARN
 * API Gateway evaluates an IAM answer against. HTTP APIs join repeated headers with commas, which
 * the bearer parser refuses as a second credential; {@code identitySource} may be null and is not read.
 */
final class HttpApiRequests {
    private HttpApiRequests() {
    }

    /** The route's ARN, or the refusal (logged) when the event has none. */
    static ExecuteApiArn routeOf(AuthorizerEngine engine, String name, HttpApiAuthorizerEvent event) {
        String routeArn = event == null ? null : event.getRouteArn();
        return ExecuteApiArn.parse(routeArn).orElseThrow(() -> Answers.refusal((Decision.Refuse) engine.refuse(
                name, Reason.MISCONFIGURED, "routeArn is not an execute-api ARN", routeArn)));
    }

    static Decision decide(AuthorizerEngine engine, String name, HttpApiAuthorizerEvent event, ExecuteApiArn route) {
        String routeArn = event.getRouteArn();
        AuthorizationHeader header = AuthorizationHeader.find(event.getHeaders(), null);
        if (header instanceof AuthorizationHeader.Conflicting) {
            return engine.refuse(name, Reason.MALFORMED, "two different Authorization values in one request", routeArn);
        }
        String value = header instanceof AuthorizationHeader.Value v ? v.value() : null;
        return engine.decide(name, value, route.method(), route.path(), routeArn);
    }
}
