package dev.labauth.authorizer;

/**
 * Thrown to make API Gateway answer 401: it maps an authorizer error whose message is exactly
 * {@code Unauthorized} to that status. No stack trace: it is an answer, not a fault.
 */
public final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unauthorized() {
        super("Unauthorized", null, false, false);
    }
}
