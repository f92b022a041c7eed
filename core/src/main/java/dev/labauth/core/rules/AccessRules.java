package dev.labauth.core.rules;

import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.principal.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The lab API's access rules: for each route, what a caller needs. A route no rule lists is denied.
 * Rules are checked as a whole when built: a route listed twice, or two rules whose resource globs
 * overlap while asking for different things, are refused — API Gateway matches a cached policy by
 * glob, and such an overlap would let one rule's outcome decide the other's routes.
 */
public final class AccessRules {
    private final List<AccessRule> rules;

    public AccessRules(List<AccessRule> rules) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                AccessRule a = rules.get(i);
                AccessRule b = rules.get(j);
                if (a.route().equals(b.route())) {
                    problems.add("line " + b.line() + ": " + b.route() + " is already listed at line " + a.line());
                } else if (overlap(a, b)
                        && !(a.requirement().equals(b.requirement()) && a.machinesAllowed() == b.machinesAllowed())) {
                    problems.add("lines " + a.line() + " and " + b.line() + ": " + a.route() + " and " + b.route()
                            + " overlap as policy resources (" + String.join(",", a.route().resourceGlobs()) + " / "
                            + String.join(",", b.route().resourceGlobs()) + ") but require different things ("
                            + a.describe() + " / " + b.describe() + "); give them the same requirement or paths that cannot overlap");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<AccessRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingLong((AccessRule r) -> r.route().specificity()).reversed());
        this.rules = List.copyOf(sorted);
    }

    /** Whether a policy resource of one rule matches a request the other rule routes. */
    public static boolean overlap(AccessRule a, AccessRule b) {
        return reaches(a, b.route().requests()) || reaches(b, a.route().requests());
    }

    /** Whether one of the rule's policy resources matches some of these requests. */
    public static boolean reaches(AccessRule rule, String requests) {
        return rule.route().resourceGlobs().stream().anyMatch(glob -> Globs.intersect(glob, requests));
    }

    /** Most specific first. */
    public List<AccessRule> rules() {
        return rules;
    }

    /** The rule API Gateway's routing would pick for this request, if any. */
    public Optional<AccessRule> match(String method, String path) {
        return rules.stream().filter(r -> r.route().matches(method, path)).findFirst();
    }

    public AccessDecision decide(Principal principal, String method, String path) {
        Optional<AccessRule> rule = match(method, path);
        if (rule.isEmpty()) {
            return new AccessDecision.Refused(Optional.empty(), method + " " + path + " is not listed in the access rules");
        }
        return decide(principal, rule.get());
    }

    public static AccessDecision decide(Principal principal, AccessRule rule) {
        if (rule.grants(principal)) {
            return new AccessDecision.Granted(rule);
        }
        String why = !rule.machinesAllowed() && principal.isMachine()
                ? "machine-to-machine tokens are excluded"
                : "the token lacks " + rule.requirement().describe();
        return new AccessDecision.Refused(Optional.of(rule), rule.route() + " requires " + rule.describe() + "; " + why);
    }
}
