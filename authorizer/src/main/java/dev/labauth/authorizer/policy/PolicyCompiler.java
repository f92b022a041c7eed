package dev.labauth.authorizer.policy;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.Globs;
import dev.labauth.core.rules.RoutePattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    public PolicyCompiler(AccessRules rules) {
        this.rules = rules;
        this.deeperDenials = rules.rules().stream().map(r -> deeperDenials(r, rules)).toList();
        checkSize();
    }

    public AccessRules rules() {
        return rules;
    }

    /** The cache-safe policy for this caller on this stage. */
    public IamPolicyResponse.PolicyDocument compile(Principal principal, ExecuteApiArn arn) {
        Set<String> allow = new LinkedHashSet<>();
        Set<String> deny = new LinkedHashSet<>();
        List<AccessRule> all = rules.rules();
        for (int i = 0; i < all.size(); i++) {
            AccessRule rule = all.get(i);
            boolean granted = rule.grants(principal);
            for (String glob : rule.route().resourceGlobs()) {
                (granted ? allow : deny).add(arn.stagePrefix() + glob);
            }
            if (granted) {
                deeperDenials.get(i).forEach(glob -> deny.add(arn.stagePrefix() + glob));
            }
        }
        List<IamPolicyResponse.Statement> statements = new ArrayList<>();
        if (!allow.isEmpty()) {
            statements.add(statement(IamPolicyResponse.ALLOW, allow));
        }
        if (!deny.isEmpty()) {
            statements.add(statement(IamPolicyResponse.DENY, deny));
        }
        return IamPolicyResponse.PolicyDocument.builder()
                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                .withStatement(statements)
                .build();
    }

    private static IamPolicyResponse.Statement statement(String effect, Set<String> resources) {
        return IamPolicyResponse.Statement.builder()
                .withAction(IamPolicyResponse.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(new ArrayList<>(resources))
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
