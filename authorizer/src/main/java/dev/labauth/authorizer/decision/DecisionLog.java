package dev.labauth.authorizer.decision;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.authorizer.cache.CredentialDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per decision, in CloudWatch Embedded Metric Format: the same line is the log record
 * and the {@code LabAuth/Decisions} metric, counted by authorizer, outcome and reason. It names the
 * caller by {@code sub} and {@code jti} and the credential only by a hash prefix: never the token.
 */
public final class DecisionLog {
    public static final String NAMESPACE = "LabAuth";
    public static final String METRIC = "Decisions";

    private final Consumer<String> sink;
    private final Clock clock;

    public DecisionLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * @param credential the digest of the request's Authorization value, taken once for the request
     *                   (the verified-token cache is keyed by it too); null when the request had none
     */
    public void record(String authorizer, Decision decision, CredentialDigest credential, String resource) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", clock.millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("Authorizer", "Outcome", "Reason")),
                        "Metrics", List.of(Map.of("Name", METRIC, "Unit", "Count"))))));
        line.put("Authorizer", authorizer);
        if (decision instanceof Decision.Allow allow) {
            line.put("Outcome", "allow");
            line.put("Reason", "none");
            line.put("sub", allow.principal().subject());
            allow.principal().tokenId().ifPresent(jti -> line.put("jti", jti));
            allow.principal().clientId().ifPresent(c -> line.put("clientId", c));
            line.put("rule", allow.rule().route().toString());
        } else if (decision instanceof Decision.Forbid forbid) {
            line.put("Outcome", "forbidden");
            line.put("Reason", forbid.reason().code());
            line.put("description", forbid.description());
            line.put("sub", forbid.principal().subject());
            forbid.principal().tokenId().ifPresent(jti -> line.put("jti", jti));
            forbid.principal().clientId().ifPresent(c -> line.put("clientId", c));
        } else {
            Decision.Refuse refuse = (Decision.Refuse) decision;
            line.put("Outcome", outcome(refuse));
            line.put("Reason", refuse.reason().code());
            line.put("description", refuse.description());
        }
        line.put(METRIC, 1);
        if (credential != null) {
            line.put("credentialSha256", credential.fingerprint());
        }
        if (resource != null) {
            line.put("resource", resource);
        }
        sink.accept(JSONObjectUtils.toJSONString(line));
    }

    private static String outcome(Decision.Refuse refuse) {
        return switch (refuse.reason().kind()) {
            case UNAUTHENTICATED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case FAILURE -> "error";
        };
    }

    /** The first 16 hex digits of SHA-256: enough to match log lines of one credential, useless to replay it. */
    public static String fingerprint(String credential) {
        return CredentialDigest.of(credential).fingerprint();
    }
}
