package dev.labauth.authorizer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesFileTest {

    @Test
    void theLabsRulesAreExactlyTheOnesIssue4Names() throws Exception {
        AccessRules rules = AccessRulesFile.parse(Files.readString(Path.of("..", "deploy", "access-rules.yaml")), "access-rules.yaml");

        assertThat(rules.rules()).extracting(r -> r.route() + " -> " + r.describe()).containsExactlyInAnyOrder(
                "GET /me -> authenticated",
                "GET /experiments -> scope:read:experiments",
                "POST /experiments -> scope:create:experiments, users only",
                "DELETE /experiments/{id} -> any-of(scope:create:experiments, scope:delete:experiments)");
    }

    @Test
    void theBundledCopyIsTheRepositorysFile() throws Exception {
        AccessRules bundled = AccessRulesFile.bundled();
        AccessRules file = AccessRulesFile.parse(Files.readString(Path.of("..", "deploy", "access-rules.yaml")), "x");

        assertThat(bundled.rules()).extracting(AccessRule::toString).containsExactlyElementsOf(
                file.rules().stream().map(AccessRule::toString).toList());
    }

    @Test
    void accessRulesNamesAnotherFile() throws Exception {
        Path other = Files.createTempFile("rules", ".yaml");
        Files.writeString(other, "default: deny\nrules:\n  - route: GET /only\n    require: authenticated\n");

        AccessRules rules = AccessRulesFile.fromEnvironment(Map.of(AccessRulesFile.ENV, other.toString()));

        assertThat(rules.rules()).singleElement().extracting(r -> r.route().toString()).isEqualTo("GET /only");
    }

    @Test
    void aFileNestedThousandsDeepIsAConfigurationErrorNotACrash() {
        String deep = "rules:\n  - route: GET /me\n    require: " + "[".repeat(20_000) + "\n";

        assertThatThrownBy(() -> AccessRulesFile.parse(deep, "deep.yaml"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("deep.yaml");
    }

    @Test
    void aRulesFileThatIsNoFileIsAClearError() {
        assertThatThrownBy(() -> AccessRulesFile.fromEnvironment(Map.of(AccessRulesFile.ENV, "/dev/zero")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> AccessRulesFile.fromEnvironment(Map.of(AccessRulesFile.ENV, "/no/such/rules.yaml")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aNameThatWouldBreakThe403BodyIsRefused() {
        assertThatThrownBy(() -> AccessRulesFile.parse("rules:\n  - route: GET /me\n    require: {scope: 'read\"all'}\n", "q.yaml"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("line 3").hasMessageContaining("403 body");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key      | default: deny\\nrulez: []\\n                                                   | line 2 | unknown key 'rulez'",
        "unknown rule key     | rules:\\n  - route: GET /me\\n    require: authenticated\\n    owner: x\\n      | line 4 | unknown key 'owner'",
        "empty any-of         | rules:\\n  - route: GET /me\\n    require: {any-of: []}\\n                  | line 3 | any-of needs a non-empty list",
        "empty all-of         | rules:\\n  - route: GET /me\\n    require:\\n      all-of: []\\n             | line 4 | all-of needs a non-empty list",
        "unknown requirement  | rules:\\n  - route: GET /me\\n    require: {group: admins}\\n               | line 3 | unknown requirement 'group'",
        "bare word            | rules:\\n  - route: GET /me\\n    require: admin\\n                         | line 3 | 'admin' is not a requirement",
        "no require           | rules:\\n  - route: GET /me\\n                                            | line 2 | needs a 'require'",
        "no route             | rules:\\n  - require: authenticated\\n                                    | line 2 | needs a 'route'",
        "bad method           | rules:\\n  - route: FETCH /me\\n    require: authenticated\\n                | line 2 | not an HTTP method",
        "bad machines         | rules:\\n  - route: GET /me\\n    require: authenticated\\n    machines: maybe\\n | line 4 | machines must be",
        "default allow        | default: allow\\nrules:\\n  - route: GET /me\\n    require: authenticated\\n | line 1 | default must be 'deny'",
        "no rules             | default: deny\\n                                                               | line 1 | 'rules' must be a non-empty list",
        "duplicate route      | rules:\\n  - route: GET /me\\n    require: authenticated\\n  - route: GET /me\\n    require: authenticated\\n | line 4 | already listed at line 2",
        "overlap              | rules:\\n  - route: GET /a/{id}\\n    require: authenticated\\n  - route: GET /a/{id}/b\\n    require: {role: x}\\n | lines | overlap",
        "duplicate key        | rules:\\n  - route: GET /me\\n    route: GET /you\\n    require: authenticated\\n | line | duplicate"})
    void eachMistakeIsReportedWithItsLine(String name, String yaml, String line, String message) {
        String text = yaml.replace("\\n", "\n");

        assertThatThrownBy(() -> AccessRulesFile.parse(text, "broken.yaml"))
                .as(name).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining(line).hasMessageContaining(message);
    }
}
