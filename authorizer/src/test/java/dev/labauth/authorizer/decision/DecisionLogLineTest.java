package dev.labauth.authorizer.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.authorizer.cache.CredentialDigest;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.Requirement;
import dev.labauth.core.rules.RoutePattern;
import dev.labauth.core.verify.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision log line is written by hand: it must still be one JSON object, EMF-shaped, whatever the values hold. */
class DecisionLogLineTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    /** Quotes, backslashes, control characters, a line break, a surrogate pair, and a closing brace. */
    private static final String AWKWARD = "a\"b\\c\u0000d\u001fe\nf\u2028g😀}{\",\"Outcome\":\"allow";

    private final List<String> lines = new ArrayList<>();
    private final DecisionLog log = new DecisionLog(lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Principal caller(String subject, String jti) {
        return new Principal(subject, Set.of(), Set.of(), Set.of(), Optional.of("client"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(jti), NOW.plusSeconds(60), Map.of());
    }

    private Map<String, Object> only() throws Exception {
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n");
        return JSONObjectUtils.parse(lines.get(0));
    }

    @Test
    void anAllowLine_isEmbeddedMetricFormat_withTheCallerAndTheRule() throws Exception {
        AccessRule rule = new AccessRule(RoutePattern.parse("GET /me"), new Requirement.Authenticated(), true, 3);
        log.record("token", new Decision.Allow(caller("auth0|x", "j-1"), rule), CredentialDigest.of("Bearer t"), "arn:r");

        Map<String, Object> line = only();
        assertThat(line.keySet()).containsExactly("_aws", "Authorizer", "Outcome", "Reason", "sub", "jti", "clientId",
                "rule", "Decisions", "credentialSha256", "resource");
        Map<String, Object> aws = JSONObjectUtils.getJSONObject(line, "_aws");
        assertThat(aws.get("Timestamp")).isEqualTo(NOW.toEpochMilli());
        Map<String, Object> metrics = JSONObjectUtils.getJSONObjectArray(aws, "CloudWatchMetrics")[0];
        assertThat(metrics).containsEntry("Namespace", "LabAuth")
                .containsEntry("Dimensions", List.of(List.of("Authorizer", "Outcome", "Reason")))
                .containsEntry("Metrics", List.of(Map.of("Name", "Decisions", "Unit", "Count")));
        assertThat(line).containsEntry("Outcome", "allow").containsEntry("Reason", "none").containsEntry("sub", "auth0|x")
                .containsEntry("rule", "GET /me").containsEntry("Decisions", 1L)
                .containsEntry("credentialSha256", CredentialDigest.of("Bearer t").fingerprint());
    }

    @Test
    void whateverTheValuesHold_theLineParsesBackToThem() throws Exception {
        log.record(AWKWARD, new Decision.Forbid(caller(AWKWARD, AWKWARD), AWKWARD, AWKWARD), null, AWKWARD);

        Map<String, Object> line = only();
        assertThat(line).containsEntry("Authorizer", AWKWARD).containsEntry("Outcome", "forbidden")
                .containsEntry("Reason", "insufficient_scope").containsEntry("description", AWKWARD)
                .containsEntry("sub", AWKWARD).containsEntry("jti", AWKWARD).containsEntry("resource", AWKWARD)
                .doesNotContainKey("credentialSha256");
    }

    @Test
    void aRefusal_namesNoCaller() throws Exception {
        log.record("http", new Decision.Refuse(Reason.EXPIRED, "expired at …"), null, null);

        Map<String, Object> line = only();
        assertThat(line).containsEntry("Outcome", "unauthorized").containsEntry("Reason", "expired")
                .doesNotContainKeys("sub", "jti", "clientId", "resource", "credentialSha256");
    }
}
