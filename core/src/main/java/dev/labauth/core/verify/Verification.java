package dev.labauth.core.verify;

import dev.labauth.core.principal.Principal;
import java.util.Objects;

/** The result of checking one token: verified with its principal, or rejected with a reason. */
public sealed interface Verification {

    record Verified(Principal principal) implements Verification {
        public Verified {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * @param description for operators and logs; never contains the token itself
     */
    record Rejected(Reason reason, String description) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(description, "description");
        }
    }

    static Rejected rejected(Reason reason, String description) {
        return new Rejected(reason, description);
    }
}
