package dev.labauth.authorizer.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an execute-api ARN ({@code methodArn} of REST events, {@code routeArn} of HTTP API
 * events) that name a stage: {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/VERB/PATH}.
 */
public record ExecuteApiArn(String partition, String region, String account, String apiId, String stage) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9]+)/([^/]+)(/.*)?");

    public static Optional<ExecuteApiArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ExecuteApiArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }

    /** Every method and path of the stage: an answer cached for one route stays right for the next. */
    public String wholeStage() {
        return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/*";
    }
}
