package dev.labauth.cli.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lab API called over HTTP through the local stack, as a client would call it on API Gateway:
 * each call names who calls, what, and what the answer must be.
 */
final class StackTour {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String apiUrl;
    private final List<Row> rows = new ArrayList<>();

    StackTour(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    record Row(String who, String request, int expected, int got, String why) {
        boolean asExpected() {
            return expected == got;
        }
    }

    /** Calls and records; returns the response body's JSON (empty when there is none). */
    Map<String, Object> call(String who, String token, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = parse(r.body());
        rows.add(new Row(who, method + " " + path, expected, r.statusCode(), why(r, json)));
        return json;
    }

    List<Row> rows() {
        return rows;
    }

    /** The part of the answer that says why: an error code, the gateway's message, or the challenge. */
    private static String why(HttpResponse<String> r, Map<String, Object> json) {
        Function<String, String> field = k -> json.get(k) instanceof String s ? s : null;
        if (r.statusCode() < 300) {
            return "";
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
        String error = field.apply("error") != null ? field.apply("error") : field.apply("message");
        if (challenge != null && challenge.contains("error=\"")) {
            String code = challenge.substring(challenge.indexOf("error=\"") + 7);
            code = code.substring(0, code.indexOf('"'));
            return error == null || error.equals("Unauthorized") || error.equals("Forbidden") || error.equals(code)
                    ? code : error + " / " + code;
        }
        return error == null ? "" : error;
    }

    private static Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            return Map.of();
        }
    }

    static void print(PrintWriter out, List<Row> rows) {
        String format = "%-3s %-8s %-28s %-8s %-5s %-32s %s%n";
        out.printf(format, "#", "caller", "request", "expected", "got", "why", "");
        out.printf(format, "--", "-".repeat(8), "-".repeat(28), "-".repeat(8), "-".repeat(5), "-".repeat(32), "");
        int i = 1;
        for (Row r : rows) {
            String request = r.request().length() > 28 ? r.request().substring(0, 27) + "…" : r.request();
            out.printf(format, i++, r.who(), request, r.expected(), r.got(), r.why(), r.asExpected() ? "ok" : "MISMATCH");
        }
    }
}
