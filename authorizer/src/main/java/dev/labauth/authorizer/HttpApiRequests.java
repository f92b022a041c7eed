package dev.labauth.authorizer;

import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.event.AuthorizationHeader;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.core.verify.Reason;

/**
 * The credential of an HTTP API 2.0 event. HTTP APIs join repeated headers with commas, which the
 * bearer parser refuses as a second credential; {@code identitySource} may be null and is not read.
 */
final class HttpApiRequests {
    private HttpApiRequests() {
    }

    static Decision decide(AuthorizerEngine engine, String name, HttpApiAuthorizerEvent event, String routeArn) {
        AuthorizationHeader header = AuthorizationHeader.find(event == null ? null : event.getHeaders(), null);
        if (header instanceof AuthorizationHeader.Conflicting) {
            return engine.refuse(name, Reason.MALFORMED, "two different Authorization values in one request", routeArn);
        }
        String value = header instanceof AuthorizationHeader.Value v ? v.value() : null;
        return engine.decide(name, value, routeArn);
    }
}
