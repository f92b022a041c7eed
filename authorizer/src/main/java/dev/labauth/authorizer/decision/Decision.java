package dev.labauth.authorizer.decision;

import dev.labauth.core.principal.Principal;
import dev.labauth.core.verify.Reason;
import java.util.Objects;

/** What the authorizer concluded about one request; handlers only translate it for API Gateway. */
public sealed interface Decision {

    record Allow(Principal principal) implements Decision {
        public Allow {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /** Not allowed; {@link Reason#kind()} says whether that is a 401, a 403 or our own 500. */
    record Refuse(Reason reason, String description) implements Decision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(description, "description");
        }
    }
}
