package dev.labauth.authorizer.policy;

import java.util.Optional;
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
    /**
     * The grammar, as a regular expression: the specification {@link #parse} implements by hand (a
     * property test holds the two to the same answers). Matching it cost a third of a repeated token's
     * decision.
     */
    public static final Pattern GRAMMAR = Pattern.compile(
            "arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9]+)/([^/]+)(?:/([^/]*)(/.*)?)?");

    public static Optional<ExecuteApiArn> parse(String arn) {
        if (arn == null || !arn.startsWith("arn:aws")) {
            return Optional.empty();
        }
        int partitionEnd = arn.indexOf(':', 4);
        if (partitionEnd < 0 || !all(arn, 7, partitionEnd, ExecuteApiArn::isPartitionChar)
                || !arn.startsWith(":execute-api:", partitionEnd)) {
            return Optional.empty();
        }
        int regionStart = partitionEnd + ":execute-api:".length();
        int regionEnd = arn.indexOf(':', regionStart);
        if (regionEnd <= regionStart || !all(arn, regionStart, regionEnd, ExecuteApiArn::isRegionChar)) {
            return Optional.empty();
        }
        int accountStart = regionEnd + 1;
        int accountEnd = accountStart + 12;
        if (accountEnd >= arn.length() || arn.charAt(accountEnd) != ':'
                || !all(arn, accountStart, accountEnd, c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int apiStart = accountEnd + 1;
        int apiEnd = arn.indexOf('/', apiStart);
        if (apiEnd <= apiStart || !all(arn, apiStart, apiEnd, ExecuteApiArn::isApiIdChar)) {
            return Optional.empty();
        }
        int stageStart = apiEnd + 1;
        int stageEnd = arn.indexOf('/', stageStart);
        if (stageEnd < 0) {
            stageEnd = arn.length();
        }
        if (stageEnd == stageStart) {
            return Optional.empty();
        }
        String method = "*";
        String path = "/";
        if (stageEnd < arn.length()) {
            int methodStart = stageEnd + 1;
            int methodEnd = arn.indexOf('/', methodStart);
            if (methodEnd < 0) {
                methodEnd = arn.length();
            }
            if (methodEnd > methodStart) {
                method = arn.substring(methodStart, methodEnd);
            }
            if (methodEnd < arn.length()) {
                path = arn.substring(methodEnd);
                if (!all(path, 0, path.length(), c -> !isLineTerminator(c))) {
                    return Optional.empty(); // the grammar's "." stops at a line terminator
                }
            }
        }
        return Optional.of(new ExecuteApiArn(arn.substring(4, partitionEnd), arn.substring(regionStart, regionEnd),
                arn.substring(accountStart, accountEnd), arn.substring(apiStart, apiEnd),
                arn.substring(stageStart, stageEnd), method, path));
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean all(String s, int from, int to, CharTest test) {
        for (int i = from; i < to; i++) {
            if (!test.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPartitionChar(char c) {
        return c >= 'a' && c <= 'z' || c == '-';
    }

    private static boolean isRegionChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }

    private static boolean isApiIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** What a regular expression's "." does not match (java.util.regex, no DOTALL). */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
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
