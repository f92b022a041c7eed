package dev.labauth.authorizer;

import dev.labauth.core.verify.Reason;

/**
 * Our own failure (key set unreachable, bad configuration): any error other than
 * {@code Unauthorized} makes API Gateway answer 500 and cache nothing, which is what we want:
 * the caller did nothing wrong, and must not be remembered as denied.
 */
public final class AuthorizerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthorizerFailure(Reason reason) {
        super("authorizer failure: " + reason.code(), null, false, false);
    }
}
