package dev.labauth.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.core.principal.Principal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule engine as a table: one row, one requirement form or routing case, one expected decision. */
class RuleEngineTest {
    private static AccessRule rule(String route, Requirement requirement, boolean machines) {
        return new AccessRule(RoutePattern.parse(route), requirement, machines, 1);
    }

    private static final AccessRules RULES = new AccessRules(List.of(
            rule("GET /me", new Requirement.Authenticated(), true),
            rule("GET /experiments", new Requirement.Scope("read:experiments"), true),
            rule("POST /experiments", new Requirement.Scope("create:experiments"), false),
            rule("DELETE /experiments/{id}", new Requirement.AnyOf(List.of(
                    new Requirement.Scope("create:experiments"), new Requirement.Scope("delete:experiments"))), true),
            rule("GET /reports", new Requirement.Permission("read:reports"), true),
            rule("GET /admin/audit", new Requirement.Role("lab-admin"), true),
            rule("PUT /settings", new Requirement.AllOf(List.of(
                    new Requirement.Role("lab-admin"), new Requirement.Permission("write:settings"))), true),
            rule("ANY /files/{path+}", new Requirement.Scope("read:files"), true)));

    private static final Principal NOBODY_SPECIAL = Callers.user(Set.of("openid"), Set.of(), Set.of());
    private static final Principal READER_BY_SCOPE = Callers.user(Set.of("read:experiments"), Set.of(), Set.of());
    private static final Principal READER_BY_PERMISSION = Callers.user(Set.of("openid"), Set.of("read:experiments"), Set.of());
    private static final Principal CREATOR = Callers.user(Set.of(), Set.of("create:experiments"), Set.of());
    private static final Principal DELETER = Callers.user(Set.of(), Set.of("delete:experiments"), Set.of());
    private static final Principal ADMIN = Callers.user(Set.of(), Set.of("write:settings"), Set.of("lab-admin"));
    private static final Principal ADMIN_WITHOUT_PERMISSION = Callers.user(Set.of(), Set.of(), Set.of("lab-admin"));
    private static final Principal MACHINE_CREATOR = Callers.machine(Set.of("create:experiments", "read:experiments"));
    private static final Principal REPORTS_BY_SCOPE_ONLY = Callers.user(Set.of("read:reports"), Set.of(), Set.of());
    private static final Principal REPORTS_BY_PERMISSION = Callers.user(Set.of(), Set.of("read:reports"), Set.of());
    // C-18: names match exactly, never by prefix or substring.
    private static final Principal NEAR_MISS = Callers.user(Set.of("create:experiments-admin"),
            Set.of("create:experiments:self", "read:experiment"), Set.of("lab-administrator"));
    private static final Principal FILES = Callers.user(Set.of("read:files"), Set.of(), Set.of());

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("authenticated: any valid token", NOBODY_SPECIAL, "GET", "/me", true),
                Arguments.of("authenticated: machines too", MACHINE_CREATOR, "GET", "/me", true),
                Arguments.of("scope held as scope", READER_BY_SCOPE, "GET", "/experiments", true),
                Arguments.of("scope held as permission (Auth0 RBAC)", READER_BY_PERMISSION, "GET", "/experiments", true),
                Arguments.of("scope missing", NOBODY_SPECIAL, "GET", "/experiments", false),
                Arguments.of("users only: a user", CREATOR, "POST", "/experiments", true),
                Arguments.of("users only: a machine with the scope", MACHINE_CREATOR, "POST", "/experiments", false),
                Arguments.of("any-of: first", CREATOR, "DELETE", "/experiments/42", true),
                Arguments.of("any-of: second", DELETER, "DELETE", "/experiments/42", true),
                Arguments.of("any-of: neither", READER_BY_SCOPE, "DELETE", "/experiments/42", false),
                Arguments.of("path parameter binds one segment only", CREATOR, "DELETE", "/experiments/42/files", false),
                Arguments.of("permission: held as permission", REPORTS_BY_PERMISSION, "GET", "/reports", true),
                Arguments.of("permission: a scope of that name is not enough", REPORTS_BY_SCOPE_ONLY, "GET", "/reports", false),
                Arguments.of("role", ADMIN, "GET", "/admin/audit", true),
                Arguments.of("role missing", CREATOR, "GET", "/admin/audit", false),
                Arguments.of("all-of: both", ADMIN, "PUT", "/settings", true),
                Arguments.of("all-of: one of two", ADMIN_WITHOUT_PERMISSION, "PUT", "/settings", false),
                Arguments.of("C-18 exact names: create", NEAR_MISS, "POST", "/experiments", false),
                Arguments.of("C-18 exact names: read", NEAR_MISS, "GET", "/experiments", false),
                Arguments.of("C-18 exact names: role", NEAR_MISS, "GET", "/admin/audit", false),
                Arguments.of("greedy path: deep", FILES, "GET", "/files/a/b/c.txt", true),
                Arguments.of("greedy path: ANY method", FILES, "DELETE", "/files/x", true),
                Arguments.of("greedy path needs at least one segment", FILES, "GET", "/files", false),
                Arguments.of("default deny: unlisted path", ADMIN, "GET", "/unlisted", false),
                Arguments.of("default deny: listed path, unlisted method", ADMIN, "PATCH", "/me", false),
                Arguments.of("method match is case-insensitive", NOBODY_SPECIAL, "get", "/me", true),
                // "/me/" and "//me" are other method ARNs than "/me": the rules must not say yes where the policy says no.
                Arguments.of("a trailing slash is another path", NOBODY_SPECIAL, "GET", "/me/", false),
                Arguments.of("a double slash is another path", NOBODY_SPECIAL, "GET", "//me", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String row, Principal caller, String method, String path, boolean granted) {
        AccessDecision decision = RULES.decide(caller, method, path);

        assertThat(decision).as(row).isInstanceOf(granted ? AccessDecision.Granted.class : AccessDecision.Refused.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theRefusalSaysWhatWasRequired(String row, Principal caller, String method, String path, boolean granted) {
        AccessDecision decision = RULES.decide(caller, method, path);
        if (decision instanceof AccessDecision.Refused refused) {
            if (refused.rule().isPresent()) {
                AccessRule r = refused.rule().get();
                assertThat(refused.reason()).as(row).contains(r.route().toString()).contains(r.describe());
            } else {
                assertThat(refused.reason()).as(row).contains(method + " " + path).contains("not listed");
            }
        } else {
            assertThat(granted).as(row).isTrue();
        }
    }
}
