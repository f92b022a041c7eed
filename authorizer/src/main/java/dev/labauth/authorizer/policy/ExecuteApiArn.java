package dev.labauth.authorizer.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An execute-api ARN ({@code methodArn} of REST events, {@code routeArn} of HTTP API events):
 * {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/VERB/PATH}.
 *
 * @param method the request's verb ({@code GET}); {@code *} when the ARN names none
 * @param path   the request's path, starting with {@code /}
 */
public record ExecuteApiArn(String partition, String region, String account, String apiId, String stage,
        String method, String path) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9]+)/([^/]+)(?:/([^/]*)(/.*)?)?");

    public static Optional<ExecuteApiArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        String method = m.group(6) == null || m.group(6).isEmpty() ? "*" : m.group(6);
        String path = m.group(7) == null ? "/" : m.group(7);
        return Optional.of(new ExecuteApiArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), method, path));
    }

    /** {@code arn:…:API_ID/STAGE/}: what every resource of a policy for this stage starts with. */
    public String stagePrefix() {
        return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/";
    }

    /** Every method and path of the stage. */
    public String wholeStage() {
        return stagePrefix() + "*";
    }
}
