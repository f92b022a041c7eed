package dev.labauth.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessDecision;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.Globs;
import dev.labauth.core.rules.Requirement;
import dev.labauth.core.rules.RoutePattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random rule sets and random callers, the one policy the authorizer returns gives every route
 * the outcome the rule engine gives it: the policy is the engine, compiled (so a cached answer is
 * never wrong on the next route, and never wider than the rules).
 */
class PolicyIsTheEngineCompiledProperties {
    private static final ExecuteApiArn STAGE = ExecuteApiArn.parse(
            "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/x").orElseThrow();
    private static final List<String> SCOPES = List.of("s1", "s2", "s3");
    private static final List<String> ROLES = List.of("r1", "r2");

    @Property(tries = 400)
    void everyRouteGetsTheEnginesOutcome(@ForAll("ruleSets") List<AccessRule> candidate, @ForAll("callers") Principal caller) {
        AccessRules rules;
        try {
            rules = new AccessRules(candidate);
        } catch (InvalidConfigurationException overlapping) {
            Assume.that(false);
            return;
        }
        IamPolicyResponse.PolicyDocument policy = new PolicyCompiler(rules).compile(caller, STAGE);

        for (AccessRule rule : rules.rules()) {
            for (String verb : verbs(rule.route())) {
                String path = instance(rule.route().path(), "v7", "a/b");
                assertOutcome(rules, policy, caller, verb, path);
                // Below a single-segment parameter, nothing that no rule lists may be allowed...
                String deeper = path + "/zz";
                boolean reachedByARule = rules.rules().stream().anyMatch(r -> Globs.intersect(
                        verb + "/" + instance(rule.route().path(), "*", "*") + "/*", r.route().requests()));
                if (!reachedByARule) {
                    assertOutcome(rules, policy, caller, verb, deeper);
                }
            }
        }
        // ...and no unlisted method or path.
        assertOutcome(rules, policy, caller, "OPTIONS", "/unlisted");
    }

    private static void assertOutcome(AccessRules rules, IamPolicyResponse.PolicyDocument policy, Principal caller,
            String verb, String path) {
        boolean engine = rules.decide(caller, verb, path) instanceof AccessDecision.Granted;
        boolean policyAllows = PolicyEvaluation.allows(policy, STAGE.stagePrefix() + verb + path);
        assertThat(policyAllows).as("%s %s for %s under %s", verb, path, caller, rules.rules()).isEqualTo(engine);
    }

    private static List<String> verbs(RoutePattern route) {
        return route.method().equals("ANY") ? RoutePattern.VERBS : List.of(route.method());
    }

    /** A concrete path of a pattern: each {param} becomes {@code one}, a greedy tail {@code rest}. */
    private static String instance(String pattern, String one, String rest) {
        StringBuilder path = new StringBuilder();
        for (String s : pattern.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            path.append('/').append(s.equals("*") || s.endsWith("+}") ? rest : s.startsWith("{") ? one : s);
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    @Provide
    Arbitrary<List<AccessRule>> ruleSets() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "{id}");
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3)
                .flatMap(segments -> Arbitraries.of(false, true).map(greedy -> {
                    List<String> s = new ArrayList<>(segments);
                    if (greedy) {
                        s.add("{rest+}");
                    }
                    return "/" + String.join("/", s);
                }));
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "DELETE", "ANY");
        Arbitrary<AccessRule> rule = Combinators.combine(method, path, requirements(2), Arbitraries.of(true, false))
                .as((m, p, req, machines) -> new AccessRule(new RoutePattern(m, p), req, machines, 1));
        return rule.list().ofMinSize(1).ofMaxSize(6).uniqueElements(r -> r.route().toString());
    }

    private Arbitrary<Requirement> requirements(int depth) {
        Arbitrary<Requirement> leaf = Arbitraries.oneOf(
                Arbitraries.just(new Requirement.Authenticated()),
                Arbitraries.of(SCOPES).map(Requirement.Scope::new),
                Arbitraries.of(SCOPES).map(Requirement.Permission::new),
                Arbitraries.of(ROLES).map(Requirement.Role::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<Requirement>> parts = requirements(depth - 1).list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.oneOf(leaf, parts.map(Requirement.AnyOf::new), parts.map(Requirement.AllOf::new));
    }

    @Provide
    Arbitrary<Principal> callers() {
        Arbitrary<Set<String>> scopes = Arbitraries.of(SCOPES).set().ofMaxSize(3);
        Arbitrary<Set<String>> roles = Arbitraries.of(ROLES).set().ofMaxSize(2);
        return Combinators.combine(scopes, scopes, roles, Arbitraries.of(true, false)).as((s, p, r, machine) ->
                new Principal(machine ? "m@clients" : "auth0|u", s, p, r, Optional.of("c"),
                        machine ? Optional.of(Principal.MACHINE_GRANT) : Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"), Map.of()));
    }
}
