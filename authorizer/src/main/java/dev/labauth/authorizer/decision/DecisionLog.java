package dev.labauth.authorizer.decision;

import dev.labauth.authorizer.cache.CredentialDigest;
import dev.labauth.authorizer.json.JsonText;
import dev.labauth.core.principal.Principal;
import java.time.Clock;
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
        // Written field by field rather than through a JSON library's object mapper: the line is built
        // on every request and the mapper cost as much as the policy. Every value that is not one of
        // our constants is escaped by JsonText.
        StringBuilder line = new StringBuilder(512).append(EMF_PREFIX).append(clock.millis()).append(EMF_SUFFIX);
        field(line, "Authorizer", authorizer);
        if (decision instanceof Decision.Allow allow) {
            field(line, "Outcome", "allow");
            field(line, "Reason", "none");
            caller(line, allow.principal());
            field(line, "rule", allow.rule().route().toString());
        } else if (decision instanceof Decision.Forbid forbid) {
            field(line, "Outcome", "forbidden");
            field(line, "Reason", forbid.reason().code());
            field(line, "description", forbid.description());
            caller(line, forbid.principal());
        } else {
            Decision.Refuse refuse = (Decision.Refuse) decision;
            field(line, "Outcome", outcome(refuse));
            field(line, "Reason", refuse.reason().code());
            field(line, "description", refuse.description());
        }
        line.append(",\"").append(METRIC).append("\":1");
        if (credential != null) {
            field(line, "credentialSha256", credential.fingerprint());
        }
        if (resource != null) {
            field(line, "resource", resource);
        }
        sink.accept(line.append('}').toString());
    }

    /** The EMF metadata before and after its timestamp: constant, so written once. */
    private static final String EMF_PREFIX = "{\"_aws\":{\"Timestamp\":";
    private static final String EMF_SUFFIX = ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
            + "\",\"Dimensions\":[[\"Authorizer\",\"Outcome\",\"Reason\"]],\"Metrics\":[{\"Name\":\"" + METRIC
            + "\",\"Unit\":\"Count\"}]}]}";

    private static void caller(StringBuilder line, Principal principal) {
        field(line, "sub", principal.subject());
        principal.tokenId().ifPresent(jti -> field(line, "jti", jti));
        principal.clientId().ifPresent(c -> field(line, "clientId", c));
    }

    private static void field(StringBuilder line, String name, String value) {
        JsonText.appendQuoted(line.append(",\"").append(name).append("\":"), value);
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
