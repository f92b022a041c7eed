package dev.labauth.core.rules;

import java.util.Optional;

/** The rules' answer for one route and one caller. */
public sealed interface AccessDecision {

    record Granted(AccessRule rule) implements AccessDecision {
    }

    /**
     * @param rule   the rule that refused, or empty for a route no rule lists (denied by default)
     * @param reason for operators: what was required and what the caller lacked
     */
    record Refused(Optional<AccessRule> rule, String reason) implements AccessDecision {
    }
}
