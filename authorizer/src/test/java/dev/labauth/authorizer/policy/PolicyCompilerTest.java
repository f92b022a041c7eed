package dev.labauth.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessRules;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lab's rules compiled for each kind of caller, evaluated as API Gateway evaluates a cached policy. */
class PolicyCompilerTest {
    private static final AccessRules LAB = AccessRulesFile.bundled();
    private static final PolicyCompiler COMPILER = new PolicyCompiler(LAB);
    private static final ExecuteApiArn STAGE = ExecuteApiArn.parse(
            "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/GET/me").orElseThrow();

    static Principal caller(String kind) {
        Set<String> permissions = switch (kind) {
            case "member" -> Set.of("read:experiments", "create:experiments");
            case "admin" -> Set.of("read:experiments", "create:experiments", "delete:experiments");
            case "machine" -> Set.of();
            default -> Set.of();
        };
        Set<String> scopes = kind.equals("machine") ? Set.of("read:experiments", "create:experiments") : Set.of("openid");
        return new Principal("sub-" + kind, scopes, permissions, kind.equals("admin") ? Set.of("lab-admin") : Set.of(),
                Optional.of("client"), kind.equals("machine") ? Optional.of(Principal.MACHINE_GRANT) : Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"), Map.of());
    }

    /** Every route, and paths below a parameter that no rule lists, for every kind of caller (C-05). */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "member,  GET,    /me,                 true",
        "member,  GET,    /experiments,        true",
        "member,  POST,   /experiments,        true",
        "member,  DELETE, /experiments/42,     true",
        "member,  DELETE, /experiments/42/x,   false",
        "member,  PATCH,  /experiments,        false",
        "member,  GET,    /experiments/42,     false",
        "guest,   GET,    /me,                 true",
        "guest,   GET,    /experiments,        false",
        "guest,   POST,   /experiments,        false",
        "guest,   DELETE, /experiments/42,     false",
        "machine, GET,    /me,                 true",
        "machine, GET,    /experiments,        true",
        "machine, POST,   /experiments,        false",
        "machine, DELETE, /experiments/42,     true",
        "admin,   DELETE, /experiments/42,     true",
        "admin,   GET,    /admin,              false"})
    void theCompiledPolicyGivesEveryRouteTheRulesOutcome(String kind, String method, String path, boolean allowed) {
        IamPolicyResponse.PolicyDocument policy = COMPILER.compile(caller(kind), STAGE);
        String arn = STAGE.stagePrefix() + method + path;

        assertThat(PolicyEvaluation.allows(policy, arn)).isEqualTo(allowed);
        assertThat(LAB.decide(caller(kind), method, path) instanceof dev.labauth.core.rules.AccessDecision.Granted)
                .as("the engine agrees").isEqualTo(allowed);
    }

    @Test
    void everyResourceIsUnderTheRequestsStageAndShort() {
        IamPolicyResponse.PolicyDocument policy = COMPILER.compile(caller("member"), STAGE);

        assertThat(policy.getStatement()).extracting(IamPolicyResponse.Statement::getEffect).containsExactly("Allow", "Deny");
        assertThat(policy.getStatement()).flatExtracting(IamPolicyResponse.Statement::getResource)
                .allSatisfy(r -> assertThat(r).startsWith(STAGE.stagePrefix()).hasSizeLessThan(PolicyCompiler.MAX_RESOURCE_CHARS));
    }

    @Test
    void theLabsPolicyIsSmallAndItsWorstCaseIsBounded() {
        int labPolicyBytes = jsonBytes(COMPILER.compile(caller("admin"), STAGE));

        assertThat(labPolicyBytes).isLessThan(1024);
        assertThat(COMPILER.worstCaseBytes()).isGreaterThanOrEqualTo(labPolicyBytes).isLessThanOrEqualTo(PolicyCompiler.BUDGET_BYTES);
    }

    @Test
    void aLargeRuleSetStaysUnderTheBudgetWithoutWidening() {
        AccessRules large = AccessRulesFile.parse(rules(40), "large.yaml");
        PolicyCompiler compiler = new PolicyCompiler(large);
        Principal admin = caller("admin");

        IamPolicyResponse.PolicyDocument policy = compiler.compile(admin, STAGE);

        assertThat(jsonBytes(policy)).isLessThanOrEqualTo(compiler.worstCaseBytes()).isLessThanOrEqualTo(PolicyCompiler.BUDGET_BYTES);
        // Nothing was widened: each route keeps its own outcome.
        IntStream.range(0, 40).forEach(i -> {
            boolean granted = i % 2 == 0;
            assertThat(PolicyEvaluation.allows(policy, STAGE.stagePrefix() + "GET/resources" + i + "/7")).isEqualTo(granted);
            assertThat(PolicyEvaluation.allows(policy, STAGE.stagePrefix() + "GET/resources" + i + "/7/deeper")).isFalse();
        });
    }

    @Test
    void aRuleSetWhosePolicyCouldExceedTheBudgetIsRefusedAtStartUp() {
        AccessRules huge = AccessRulesFile.parse(rules(120), "huge.yaml");

        assertThatThrownBy(() -> new PolicyCompiler(huge))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("over the budget of " + PolicyCompiler.BUDGET_BYTES);
    }

    @Test
    void aRouteWhoseResourceCouldPass512CharactersIsRefused() {
        String longPath = "/" + IntStream.range(0, 40).mapToObj(i -> "segment" + i).collect(Collectors.joining("/"));
        AccessRules rules = AccessRulesFile.parse("rules:\n  - route: GET " + longPath + "\n    require: authenticated\n", "long.yaml");

        assertThatThrownBy(() -> new PolicyCompiler(rules))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("API Gateway allows 512");
    }

    /** n rules on distinct paths with a parameter; even ones need a scope the admin has, odd ones a role it lacks. */
    static String rules(int n) {
        StringBuilder yaml = new StringBuilder("default: deny\nrules:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  - route: GET /resources").append(i).append("/{id}\n")
                    .append(i % 2 == 0 ? "    require: {scope: read:experiments}\n" : "    require: {role: auditor}\n");
        }
        return yaml.toString();
    }

    static int jsonBytes(IamPolicyResponse.PolicyDocument policy) {
        IamPolicyResponse response = IamPolicyResponse.builder().withPrincipalId("p").withPolicyDocument(policy).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(IamPolicyResponse.class).toJson(response, out);
        return out.size();
    }
}
