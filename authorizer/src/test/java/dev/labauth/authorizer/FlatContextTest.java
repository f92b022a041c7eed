package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.Outcome;
import dev.labauth.authorizer.testing.TestTenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * C-02 flat context: API Gateway refuses (500) a context holding anything but strings, numbers and
 * booleans. A token with a permissions array, a namespaced roles array, a nested object claim and
 * {@code email_verified: true} must still be allowed, with a flat context.
 */
class FlatContextTest {
    private static final String ROLES_CLAIM = "https://labauth.dev/roles";
    private static final String NESTED_CLAIM = "https://labauth.dev/lab";

    private static TestTenant tenant;
    private static Harness harness;

    @BeforeAll
    static void start() {
        tenant = TestTenant.start();
        harness = tenant.remoteHarness();
    }

    @AfterAll
    static void stop() {
        tenant.close();
    }

    private static String richToken() {
        Map<String, Object> lab = new LinkedHashMap<>();
        lab.put("building", "B2");
        lab.put("floor", 3);
        lab.put("benches", List.of("B2-01", "B2-02"));
        return tenant.sign(tenant.user(Instant.now())
                .audiences(List.of(TestTenant.AUDIENCE, tenant.issuer().issuer() + "userinfo"))
                .permissions(List.of("read:experiments", "create:experiments", "delete:experiments"))
                .claim(ROLES_CLAIM, List.of("lab-admin", "viewer"))
                .claim(NESTED_CLAIM, lab)
                .claim("email", "ada@example.org")
                .claim("email_verified", true)
                .claim("org_id", "org_7Yd2Lq0mX1")
                .claim("https://labauth.dev/quota", 123)
                .claim("https://labauth.dev/score", 0.75));
    }

    @ParameterizedTest
    @EnumSource(value = Handler.class, names = {"TOKEN", "REQUEST", "HTTP"})
    void policyContextIsFlatAndCarriesTheClaims(Handler handler) {
        Outcome outcome = harness.run(handler, "Bearer " + richToken());
        Map<String, Object> answer = outcome.assertAllowed();

        // The object the handler returned: scalars only.
        Map<String, Object> returned = ((IamPolicyResponse) outcome.response()).getContext();
        assertThat(returned.values()).allSatisfy(v ->
                assertThat(v).isInstanceOfAny(String.class, Number.class, Boolean.class));

        // The bytes API Gateway receives: scalars only, with JSON types kept.
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) answer.get("context");
        assertThat(context.values()).allSatisfy(v ->
                assertThat(v).isInstanceOfAny(String.class, Number.class, Boolean.class));
        assertThat(words(context.get("permissions")))
                .containsExactlyInAnyOrder("read:experiments", "create:experiments", "delete:experiments");
        assertThat(words(context.get("roles"))).containsExactlyInAnyOrder("lab-admin", "viewer");
        assertThat(words(context.get("scope"))).containsExactlyInAnyOrder("openid", "profile", "read:experiments");
        assertThat(context).containsEntry("sub", TestTenant.USER)
                .containsEntry("email", "ada@example.org")
                .containsEntry("email_verified", true)
                .containsEntry("orgId", "org_7Yd2Lq0mX1")
                .containsEntry("clientId", TestTenant.WEB_CLIENT)
                .doesNotContainKey(NESTED_CLAIM);
        // An integer claim stays an integer: 123, not 123.0.
        assertThat(returned.get("https://labauth.dev/quota")).isEqualTo(123L);
        assertThat(context.get("https://labauth.dev/quota")).isEqualTo(123L);
        assertThat(context.get("https://labauth.dev/score")).isEqualTo(0.75);
        assertThat(context.toString()).doesNotContain("B2-01").doesNotContain("building");

        String text = new String(handler.responseBytes(outcome.response()), StandardCharsets.UTF_8);
        assertThat(text).contains("\"email_verified\":true").doesNotContain("123.0");
    }

    @Test
    void simpleResponseContextIsFlatStrings() {
        Outcome outcome = harness.run(Handler.HTTP_SIMPLE, "Bearer " + richToken());
        Map<String, Object> answer = outcome.assertAllowed();
        assertThat(((SimpleIAMPolicyResponse) outcome.response()).getContext()).isNotEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) answer.get("context");
        assertThat(context.values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
        assertThat(context).containsEntry("email_verified", "true")
                .containsEntry("https://labauth.dev/quota", "123")
                .containsEntry("https://labauth.dev/score", "0.75")
                .containsEntry("sub", TestTenant.USER)
                .doesNotContainKey(NESTED_CLAIM);
        assertThat(words(context.get("roles"))).containsExactlyInAnyOrder("lab-admin", "viewer");
        assertThat(words(context.get("permissions")))
                .containsExactlyInAnyOrder("read:experiments", "create:experiments", "delete:experiments");
    }

    /** "Joined with spaces": split on single spaces gives the items back, with no brackets or commas. */
    private static List<String> words(Object joined) {
        assertThat(joined).isInstanceOf(String.class);
        String s = (String) joined;
        assertThat(s).doesNotContain(",").doesNotContain("[").doesNotContain("  ");
        return Arrays.asList(s.split(" "));
    }
}
