package dev.labauth.local.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labauth.core.config.VerifierSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantFilesTest {
    private static final String API = DevTenant.DEFAULT_AUDIENCE;
    private static final String TENANT = "tenant.yaml";
    private static final String USERS = "dev-users.yaml";

    @TempDir
    Path dir;

    // ---- the bundled tenant is the one the issue describes ----

    @Test
    void theLabApiHasItsThreeScopesWithRbacAndPermissionsInTheToken() {
        DevTenant tenant = DevTenant.builtIn();

        assertThat(tenant.audience()).isEqualTo("https://api.lab.local");
        DevTenant.Api api = tenant.api(API).orElseThrow();
        assertThat(api.scopes()).containsExactly("read:experiments", "create:experiments", "delete:experiments");
        assertThat(api.rbac()).isTrue();
        assertThat(api.tokenDialect()).isEqualTo("access_token_authz");
        assertThat(api.permissionsInToken()).isTrue();
        assertThat(api.tokenLifetime()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void rolesGrantMembersReadAndCreateAndAdminsEverything() {
        DevTenant tenant = DevTenant.builtIn();
        DevTenant.Api api = tenant.api(API).orElseThrow();

        assertThat(tenant.roles()).containsOnlyKeys("lab-member", "lab-admin");
        assertThat(tenant.permissions(tenant.user("alice").orElseThrow(), api))
                .containsExactly("read:experiments", "create:experiments");
        assertThat(tenant.permissions(tenant.user("ada").orElseThrow(), api))
                .containsExactly("read:experiments", "create:experiments", "delete:experiments");
        assertThat(tenant.permissions(tenant.user("guest").orElseThrow(), api)).isEmpty();
    }

    @Test
    void theSpaIsPublicAndTheWorkerHasAClientGrantForReadOnly() {
        DevTenant tenant = DevTenant.builtIn();

        DevTenant.Client spa = tenant.client("lab-spa").orElseThrow();
        assertThat(spa.appType()).isEqualTo("spa");
        assertThat(spa.isPublic()).isTrue();
        assertThat(spa.clientSecret()).isEmpty();
        assertThat(spa.devPasswordGrant()).isTrue();
        assertThat(spa.grantTypes()).doesNotContain("password", "client_credentials");

        DevTenant.Client worker = tenant.client("lab-worker").orElseThrow();
        assertThat(worker.appType()).isEqualTo("non_interactive");
        assertThat(worker.isPublic()).isFalse();
        assertThat(worker.clientSecret()).isNotBlank();
        assertThat(worker.grantTypes()).containsExactly("client_credentials");
        assertThat(worker.grantedScopes(API)).containsExactly("read:experiments");
        assertThat(worker.devPasswordGrant()).isFalse();
        assertThat(tenant.passwordGrantClient()).contains(spa);
    }

    @Test
    void theFourLocalUsersHaveTheirRolesAndEmails() {
        DevTenant tenant = DevTenant.builtIn();

        assertThat(tenant.users()).containsOnlyKeys("alice", "bob", "ada", "guest");
        assertThat(tenant.user("alice").orElseThrow().roles()).containsExactly("lab-member");
        assertThat(tenant.user("bob").orElseThrow().roles()).containsExactly("lab-member");
        assertThat(tenant.user("ada").orElseThrow().roles()).containsExactly("lab-admin");
        assertThat(tenant.user("guest").orElseThrow().roles()).isEmpty();
        assertThat(tenant.user("alice").orElseThrow().email()).isEqualTo("alice@lab.local");
        assertThat(tenant.user("ADA@lab.local")).as("found by email, in any case").contains(tenant.user("ada").orElseThrow());
        assertThat(tenant.connection()).isEqualTo("lab-users");
    }

    @Test
    void userIdsAreAuth0DatabaseIdsStablePerUsername() throws IOException {
        DevTenant tenant = DevTenant.builtIn();

        String alice = tenant.user("alice").orElseThrow().userId();
        assertThat(alice).matches("auth0\\|[0-9a-f]{24}").isEqualTo(DevTenant.User.userIdFor("alice"));
        assertThat(tenant.user("bob").orElseThrow().userId()).isNotEqualTo(alice);
        // The value docs/dev-issuer.md shows: a change of derivation would change every dev user's sub.
        assertThat(alice).isEqualTo(documentedAliceSub());
    }

    @Test
    void theBundledCopyIsTheRepositoryFile() throws IOException {
        Path source = Path.of("..", "deploy", "auth0");

        assertThat(DevTenant.load(source)).isEqualTo(DevTenant.builtIn());
        assertThat(bundled(TENANT)).isEqualTo(Files.readString(source.resolve(TENANT)));
    }

    @Test
    void theRolesClaimIsTheAuthorizersDefaultAndTheOneTheActionWrites() throws IOException {
        assertThat(DevTenant.ROLES_CLAIM).isEqualTo(VerifierSettings.DEFAULT_ROLES_CLAIM);
        assertThat(bundled("actions/add-roles-to-access-token/code.js"))
                .contains("'" + DevTenant.ROLES_CLAIM + "'").contains("api.accessToken.setCustomClaim(");
    }

    // ---- broken files: the file, the line and what is wrong ----

    @Test
    void aYamlSyntaxErrorNamesFileAndLine() throws IOException {
        String broken = bundled(TENANT).replace("      - value: create:experiments", "      - value: [create:experiments");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOfSatisfying(TenantFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(TENANT);
                    assertThat(e.line()).isBetween(lineOf(broken, "[create:experiments"), lineOf(broken, "[create:experiments") + 2);
                    assertThat(e.getMessage()).startsWith(TENANT + ":" + e.line() + ": not valid YAML");
                });
    }

    @Test
    void aRolePermissionThatIsNoScopeOfTheApiIsRefusedAtItsLine() throws IOException {
        String broken = bundled(TENANT).replaceFirst("permission_name: delete:experiments", "permission_name: erase:experiments");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(TENANT + ":" + lineOf(broken, "erase:experiments")
                        + ": roles[1].permissions[2].permission_name: 'erase:experiments' is not a scope of API " + API
                        + " (known: read:experiments, create:experiments, delete:experiments)");
    }

    @Test
    void aUserWithAnUnknownRoleIsRefusedInDevUsersAtItsLine() throws IOException {
        String broken = bundled(USERS).replace("      - lab-admin", "      - lab-boss");

        assertThatThrownBy(() -> parse(bundled(TENANT), broken))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(USERS + ":" + lineOf(broken, "lab-boss")
                        + ": users[2].roles[0]: no role named 'lab-boss' in tenant.yaml (known: lab-member, lab-admin)");
    }

    @Test
    void aClientGrantForAnUnknownClientIsRefused() throws IOException {
        String broken = bundled(TENANT).replace("  - client_id: lab-worker", "  - client_id: lab-wroker");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(TENANT + ":" + lineOf(broken, "lab-wroker")
                        + ": clientGrants[0].client_id: no client named 'lab-wroker' in clients (known: lab-spa, lab-worker)");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsSecondPlace() throws IOException {
        String broken = bundled(TENANT).replace("    token_lifetime: 86400\n", "    token_lifetime: 86400\n    token_lifetime: 600\n");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(TENANT + ":" + lineOf(broken, "token_lifetime: 600")
                        + ": resourceServers[0]: key 'token_lifetime' appears twice (first on line "
                        + lineOf(broken, "token_lifetime: 86400") + ")");
    }

    @Test
    void aListWrittenAsTextIsRefusedWithWhatWasExpected() throws IOException {
        String broken = bundled(USERS).replace("    roles: []", "    roles: lab-member");

        assertThatThrownBy(() -> parse(bundled(TENANT), broken))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(USERS + ":" + lineOf(broken, "roles: lab-member")
                        + ": users[3].roles: expected a list (lines starting with '- '), found 'lab-member'");
    }

    @Test
    void aTenantWithoutApisIsRefused() throws IOException {
        String broken = bundled(TENANT).replace("resourceServers:", "resourceServersX:");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(TENANT + ": 'resourceServers' is missing at the top level");
    }

    @Test
    void aTokenDialectTheDevIssuerCannotServeIsRefused() throws IOException {
        String broken = bundled(TENANT).replace("token_dialect: access_token_authz", "token_dialect: rfc9068_profile_authz");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessageStartingWith(TENANT + ":" + lineOf(broken, "rfc9068_profile_authz")
                        + ": resourceServers[0].token_dialect: token_dialect 'rfc9068_profile_authz' is not served");
    }

    @Test
    void permissionsInTheTokenWithoutRbacIsRefused() throws IOException {
        String broken = bundled(TENANT).replace("enforce_policies: true", "enforce_policies: false");

        assertThatThrownBy(() -> parse(broken, bundled(USERS)))
                .isInstanceOf(TenantFileException.class)
                .hasMessageContaining(TENANT + ":" + lineOf(broken, "token_dialect:"))
                .hasMessageContaining("set enforce_policies: true");
    }

    @Test
    void aConfidentialClientWithoutADevSecretIsRefusedInDevUsers() throws IOException {
        String broken = bundled(USERS).replace("  lab-worker:\n    client_secret: lab-worker-dev-secret\n", "  {}\n")
                .replace("clients:\n  {}", "clients: {}");

        assertThatThrownBy(() -> parse(bundled(TENANT), broken))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(USERS + ":" + lineOf(broken, "clients: {}") + ": clients: client 'lab-worker' (tenant.yaml:"
                        + lineOf(bundled(TENANT), "- name: lab-worker") + ") is confidential and needs a development"
                        + " client_secret under clients");
    }

    @Test
    void aPasswordGrantClientNotEnabledOnTheConnectionIsRefused() throws IOException {
        String broken = bundled(USERS).replace("password_grant_clients:\n  - lab-spa", "password_grant_clients:\n  - lab-worker");

        assertThatThrownBy(() -> parse(bundled(TENANT), broken))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(USERS + ":" + lineOf(broken, "  - lab-worker") + ": password_grant_clients[0]: client"
                        + " 'lab-worker' is not in enabled_clients of connection 'lab-users' in tenant.yaml");
    }

    @Test
    void anEmptyFileIsRefusedAsAWhole() throws IOException {
        assertThatThrownBy(() -> parse(bundled(TENANT), "# nothing yet\n"))
                .isInstanceOf(TenantFileException.class)
                .hasMessage(USERS + ": the file is empty");
    }

    @Test
    void filesReadFromADirectoryAreNamedByTheirPath() throws IOException {
        Files.writeString(dir.resolve(TENANT), bundled(TENANT));
        String users = bundled(USERS).replace("email: bob@lab.local", "email: bob.lab.local");
        Files.writeString(dir.resolve(USERS), users);

        assertThatThrownBy(() -> DevTenant.load(dir))
                .isInstanceOfSatisfying(TenantFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve(USERS).toString());
                    assertThat(e.line()).isEqualTo(lineOf(users, "bob.lab.local"));
                    assertThat(e.problem()).isEqualTo("users[1].email: 'bob.lab.local' is not an email address");
                });
    }

    @Test
    void aSmallerTenantOfItsOwnLoadsWithAuth0Defaults() {
        String tenant = """
                resourceServers:
                  - identifier: https://other.example
                    scopes:
                      - value: read:things
                clients:
                  - name: tool
                    app_type: non_interactive
                    grant_types: [client_credentials]
                clientGrants:
                  - client_id: tool
                    audience: https://other.example
                    scope: [read:things]
                tenant:
                  friendly_name: sections the dev issuer does not use are left alone
                """;
        String users = """
                connection: people
                clients:
                  tool:
                    client_secret: s
                users:
                  - username: u
                    email: u@example.test
                    password: p
                """;

        DevTenant parsed = TenantFiles.parse(TENANT, tenant, USERS, users);

        assertThat(parsed.audience()).isEqualTo("https://other.example");
        DevTenant.Api api = parsed.apis().get(0);
        assertThat(api.rbac()).isFalse();
        assertThat(api.tokenDialect()).isEqualTo("access_token");
        assertThat(api.tokenLifetime()).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(parsed.client("tool").orElseThrow().tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
        assertThat(parsed.client("tool").orElseThrow().grants()).isEqualTo(Map.of("https://other.example", List.of("read:things")));
        assertThat(parsed.user("u").orElseThrow().roles()).isEmpty();
        assertThat(parsed.passwordGrantClient()).isEmpty();
    }

    private static DevTenant parse(String tenantYaml, String usersYaml) {
        return TenantFiles.parse(TENANT, tenantYaml, USERS, usersYaml);
    }

    static String bundled(String name) throws IOException {
        try (InputStream in = TenantFilesTest.class.getResourceAsStream(TenantFiles.BUNDLE + name)) {
            assertThat(in).as("bundled " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The 1-based line of the first line containing the text; fails the test when there is none. */
    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + needle);
    }

    /** alice's sub as docs/dev-issuer.md shows it. */
    private static String documentedAliceSub() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "dev-issuer.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("alice[^\\n]*?(auth0\\|[0-9a-f]{24})").matcher(doc);
        assertThat(m.find()).as("docs/dev-issuer.md shows alice's sub").isTrue();
        return m.group(1);
    }
}
