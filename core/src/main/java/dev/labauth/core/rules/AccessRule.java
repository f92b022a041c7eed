package dev.labauth.core.rules;

import dev.labauth.core.principal.Principal;
import java.util.Objects;

/**
 * One rule: a route, what it requires, and whether machine-to-machine tokens may use it.
 *
 * @param line where the rule is written in its file, for error messages and {@code explain}
 */
public record AccessRule(RoutePattern route, Requirement requirement, boolean machinesAllowed, int line) {
    public AccessRule {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(requirement, "requirement");
    }

    public boolean grants(Principal principal) {
        return (machinesAllowed || !principal.isMachine()) && requirement.isMetBy(principal);
    }

    /** The rule in words: {@code scope:create:experiments, users only}. */
    public String describe() {
        return requirement.describe() + (machinesAllowed ? "" : ", users only");
    }
}
