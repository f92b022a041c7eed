package dev.labauth.claims;

import java.util.Objects;
import java.util.Optional;

/**
 * What a function learns from the event: the caller, or why there is none. Not an exception: an
 * event without an authorizer block is a deployment mistake the function answers with 403, not a
 * crash (field case C-17).
 */
public sealed interface CallerResult {

    /** The caller if the request carried one; empty when {@link Unauthenticated}. */
    Optional<Caller> authenticated();

    /** The authorizer let the request through and said who made it. */
    record Authenticated(Caller caller) implements CallerResult {
        public Authenticated {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Optional<Caller> authenticated() {
            return Optional.of(caller);
        }
    }

    /**
     * No caller: the route has no authorizer, an IAM or other non-token authorizer, or a context
     * without a subject. {@code reason} says which, for the 403 body and the log; it never holds a
     * token.
     */
    record Unauthenticated(String reason) implements CallerResult {
        public Unauthenticated {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Caller> authenticated() {
            return Optional.empty();
        }
    }
}
