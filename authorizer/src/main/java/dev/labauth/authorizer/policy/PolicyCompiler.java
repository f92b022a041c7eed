package dev.labauth.authorizer.policy;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.Globs;
import dev.labauth.core.rules.RoutePattern;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the access rules, for one caller, into one IAM policy valid for every route of the stage:
 * Allow on the routes the caller's claims satisfy, Deny on the others. API Gateway caches the
 * answer per token and evaluates it against each later request's method ARN, so the policy must
 * give every route the outcome the rules give it (C-05).
 *
 * <p>In execute-api resources {@code *} spans {@code /}, so a rule's {@code {id}} would also cover
 * deeper paths. Below an allowed single-segment parameter, the compiler therefore denies the deeper
 * paths explicitly, unless another rule lives there (such rules overlap, and the rule set has been
 * checked to give them the same requirement). Nothing is widened to save space: the rule set's
 * largest possible policy is measured at start-up against {@link #BUDGET_BYTES}.
 */
public final class PolicyCompiler {
    /**
     * Our bound on one policy document, in bytes of JSON; a rule set whose policy could exceed it is
     * refused at start-up. API Gateway documents no such limit for REST authorizers (8 KB holds for
     * WebSocket APIs); the bound keeps the answer it caches and evaluates on every request small.
     */
    public static final int BUDGET_BYTES = 16 * 1024;
    /** The longest stage name the start-up bound allows for; a longer one only makes a longer policy. */
    public static final int ASSUMED_MAX_STAGE_CHARS = 64;
    /** API Gateway's bound on one policy resource, in characters. */
    public static final int MAX_RESOURCE_CHARS = 512;
    /** The longest stage prefix counted: the longest partition and region, and a stage of the assumed length. */
    private static final int LONGEST_PREFIX = "arn:aws-us-gov:execute-api:ap-southeast-3:123456789012:abcdefghij/".length()
            + ASSUMED_MAX_STAGE_CHARS + 1;

    private final AccessRules rules;
    /** For each rule (same order as rules.rules()), the globs to deny below it when it is allowed. */
    private final List<List<String>> deeperDenials;
    /** For each rule, its route's resource globs (after {@code API/STAGE/}). */
    private final List<List<String>> resourceGlobs;

    public PolicyCompiler(AccessRules rules) {
        this.rules = rules;
        this.deeperDenials = rules.rules().stream().map(r -> deeperDenials(r, rules)).toList();
        this.resourceGlobs = rules.rules().stream().map(r -> r.route().resourceGlobs()).toList();
        checkSize();
    }

    public AccessRules rules() {
        return rules;
    }

    /** Longest {@code denied} context value; a cached 403's body quotes it. */
    public static final int MAX_DENIED_CHARS = 1000;
    /** How many distinct (stage, granted rules) answers are remembered; callers share a handful of them. */
    static final int MAX_REMEMBERED = 64;

    /**
     * What a caller's answer depends on: the stage, and which rules the caller's claims satisfy. Two
     * callers with the same grants get the same policy, so it is built once per shape, not per request.
     */
    private record Shape(String stagePrefix, BitSet granted) {
    }

    /** The resources of each effect, and the routes denied with what each needs (empty when none). */
    private record Compiled(List<String> allow, List<String> deny, Optional<String> denied) {
    }

    private final Map<Shape, Compiled> remembered = new ConcurrentHashMap<>();

    /** The policy and the {@code denied} explanation for one caller on one stage. */
    public record Answer(IamPolicyResponse.PolicyDocument policy, Optional<String> denied) {
    }

    /** The cache-safe policy for this caller on this stage. */
    public IamPolicyResponse.PolicyDocument compile(Principal principal, ExecuteApiArn arn) {
        return answer(principal, arn).policy();
    }

    /**
     * The policy for this caller on this stage, and the routes the caller may not use with what each
     * needs: API Gateway reuses a cached answer for later routes, so a 403 from it can explain itself.
     */
    public Answer answer(Principal principal, ExecuteApiArn arn) {
        List<AccessRule> all = rules.rules();
        BitSet granted = new BitSet(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).grants(principal)) {
                granted.set(i);
            }
        }
        Shape shape = new Shape(arn.stagePrefix(), granted);
        Compiled compiled = remembered.get(shape);
        if (compiled == null) {
            compiled = compile(shape);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear(); // bounded; an attacker cycling stages only costs the rebuild
            }
            remembered.put(shape, compiled);
        }
        List<IamPolicyResponse.Statement> statements = new ArrayList<>(2);
        if (!compiled.allow().isEmpty()) {
            statements.add(statement(IamPolicyResponse.ALLOW, compiled.allow()));
        }
        if (!compiled.deny().isEmpty()) {
            statements.add(statement(IamPolicyResponse.DENY, compiled.deny()));
        }
        IamPolicyResponse.PolicyDocument policy = IamPolicyResponse.PolicyDocument.builder()
                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                .withStatement(statements)
                .build();
        return new Answer(policy, compiled.denied());
    }

    private Compiled compile(Shape shape) {
        Set<String> allow = new LinkedHashSet<>();
        Set<String> deny = new LinkedHashSet<>();
        List<String> denied = new ArrayList<>();
        List<AccessRule> all = rules.rules();
        for (int i = 0; i < all.size(); i++) {
            AccessRule rule = all.get(i);
            boolean granted = shape.granted().get(i);
            for (String glob : resourceGlobs.get(i)) {
                (granted ? allow : deny).add(shape.stagePrefix() + glob);
            }
            if (granted) {
                deeperDenials.get(i).forEach(glob -> deny.add(shape.stagePrefix() + glob));
            } else {
                denied.add(rule.route() + " needs " + rule.describe());
            }
        }
        String deniedText = String.join("; ", denied);
        Optional<String> deniedRoutes = deniedText.isEmpty() ? Optional.empty() : Optional.of(
                deniedText.length() > MAX_DENIED_CHARS ? deniedText.substring(0, MAX_DENIED_CHARS - 1) + "…" : deniedText);
        return new Compiled(List.copyOf(allow), List.copyOf(deny), deniedRoutes);
    }

    private static IamPolicyResponse.Statement statement(String effect, List<String> resources) {
        return IamPolicyResponse.Statement.builder()
                .withAction(IamPolicyResponse.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(new ArrayList<>(resources)) // the caller's own list: a shared one could be altered
                .build();
    }

    /** Below a route ending in a single-segment parameter, the deeper paths, unless a rule reaches them. */
    private static List<String> deeperDenials(AccessRule rule, AccessRules rules) {
        RoutePattern route = rule.route();
        String path = route.path();
        boolean endsInParameter = path.endsWith("}") && !path.endsWith("+}");
        if (!endsInParameter) {
            return List.of();
        }
        List<String> deeper = route.resourceGlobs().stream().map(glob -> glob + "/*").toList();
        boolean reachedByAnotherRule = rules.rules().stream().anyMatch(other -> other != rule
                && deeper.stream().anyMatch(glob -> Globs.intersect(glob, other.route().requests())));
        return reachedByAnotherRule ? List.of() : deeper;
    }

    /** The largest policy this rule set can produce: every resource it could name, with the longest prefix. */
    private void checkSize() {
        List<String> problems = new ArrayList<>();
        List<AccessRule> all = rules.rules();
        for (int i = 0; i < all.size(); i++) {
            for (String glob : resourcesOf(i)) {
                int length = LONGEST_PREFIX + glob.length();
                if (length > MAX_RESOURCE_CHARS) {
                    problems.add("line " + all.get(i).line() + ": " + all.get(i).route() + " makes a policy resource of up to "
                            + length + " characters; API Gateway allows " + MAX_RESOURCE_CHARS);
                }
            }
        }
        int bytes = worstCaseBytes();
        if (bytes > BUDGET_BYTES) {
            problems.add("the rules can make a policy of " + bytes + " bytes, over the budget of " + BUDGET_BYTES
                    + "; use fewer routes or coarser patterns");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** An upper bound on the size in bytes of any policy this rule set produces (the statements' frame included). */
    public int worstCaseBytes() {
        int bytes = 160;
        for (int i = 0; i < rules.rules().size(); i++) {
            for (String glob : resourcesOf(i)) {
                bytes += LONGEST_PREFIX + glob.length() + 3;
            }
        }
        return bytes;
    }

    private List<String> resourcesOf(int rule) {
        List<String> globs = new ArrayList<>(deeperDenials.get(rule));
        globs.addAll(rules.rules().get(rule).route().resourceGlobs());
        return globs;
    }
}
