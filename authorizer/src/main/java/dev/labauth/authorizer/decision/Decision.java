package dev.labauth.authorizer.decision;

import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.verify.Reason;
import java.util.Objects;

/** What the authorizer concluded about one request; handlers only translate it for API Gateway. */
public sealed interface Decision {

    /** A valid token whose claims satisfy the route's rule. */
    record Allow(Principal principal, AccessRule rule) implements Decision {
        public Allow {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * A valid token whose claims do not satisfy the route's rule: 403 through a Deny ({@code insufficient_scope}).
     *
     * @param required what the route requires, in the rules file's words ({@code not listed} for an unlisted route)
     */
    record Forbid(Principal principal, String required, String description) implements Decision {
        public Forbid {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(description, "description");
        }

        public Reason reason() {
            return Reason.INSUFFICIENT_SCOPE;
        }
    }

    /** No valid caller, or our own failure; {@link Reason#kind()} says whether that is a 401 or a 500. */
    record Refuse(Reason reason, String description) implements Decision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(description, "description");
        }
    }
}
