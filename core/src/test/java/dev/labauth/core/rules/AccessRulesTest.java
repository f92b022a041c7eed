package dev.labauth.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labauth.core.config.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    private static AccessRule rule(String route, Requirement requirement, int line) {
        return new AccessRule(RoutePattern.parse(route), requirement, true, line);
    }

    @Test
    void theMostSpecificRuleMatches() {
        AccessRules rules = new AccessRules(List.of(
                rule("ANY /admin/*", new Requirement.Role("lab-admin"), 1),
                rule("GET /admin/*", new Requirement.Role("lab-admin"), 2),
                rule("GET /admin/health", new Requirement.Role("lab-admin"), 3)));

        assertThat(rules.match("GET", "/admin/health")).get().extracting(AccessRule::line).isEqualTo(3);
        assertThat(rules.match("GET", "/admin/users")).get().extracting(AccessRule::line).isEqualTo(2);
        assertThat(rules.match("POST", "/admin/users")).get().extracting(AccessRule::line).isEqualTo(1);
    }

    @Test
    void aRouteListedTwiceIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> new AccessRules(List.of(
                rule("GET /me", new Requirement.Authenticated(), 4),
                rule("get /me", new Requirement.Authenticated(), 9))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("line 9").hasMessageContaining("line 4");
    }

    @Test
    void overlappingRulesWithDifferentRequirementsAreRefused() {
        assertThatThrownBy(() -> new AccessRules(List.of(
                rule("GET /experiments/{id}", new Requirement.Scope("read:experiments"), 3),
                rule("GET /experiments/{id}/secrets", new Requirement.Role("lab-admin"), 7))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lines 3 and 7").hasMessageContaining("overlap");
        assertThatThrownBy(() -> new AccessRules(List.of(
                rule("ANY /admin/*", new Requirement.Role("lab-admin"), 1),
                rule("GET /admin/health", new Requirement.Authenticated(), 2))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("overlap");
    }

    @Test
    void overlappingRulesWithTheSameRequirementAreFine() {
        AccessRules rules = new AccessRules(List.of(
                rule("GET /experiments/{id}", new Requirement.Scope("read:experiments"), 3),
                rule("GET /experiments/{id}/notes", new Requirement.Scope("read:experiments"), 7)));

        assertThat(rules.rules()).hasSize(2);
    }

    @Test
    void routesThatCannotOverlapMayRequireDifferentThings() {
        AccessRules rules = new AccessRules(List.of(
                rule("GET /experiments", new Requirement.Scope("read:experiments"), 1),
                rule("POST /experiments", new Requirement.Scope("create:experiments"), 2),
                rule("DELETE /experiments/{id}", new Requirement.Scope("delete:experiments"), 3),
                rule("GET /experimentsarchive", new Requirement.Role("lab-admin"), 4)));

        assertThat(rules.rules()).hasSize(4);
    }
}
