package dev.labauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.config.Loopback;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks a dev issuer's {@code POST /oauth/token} for an access token, as the tenant's SPA (dev password
 * grant for a local user) or a machine client (client credentials) would. Used by
 * {@code labauth token}, {@code labauth explain --user} and the demo.
 */
public final class DevTokenClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** The issuer's answer. */
    public sealed interface Answer {
        record Issued(String accessToken) implements Answer {
            @Override
            public String toString() {
                return "Issued[redacted]";
            }
        }

        record Refused(int status, String error, String description) implements Answer {
        }

        /** No usable answer: unreachable, or not the OAuth shape. */
        record Failed(String why) implements Answer {
        }
    }

    /** An answer in words, for an error message. */
    public static String describe(Answer answer) {
        if (answer instanceof Answer.Refused r) {
            return "the issuer refused (" + r.status() + "): " + r.error() + (r.description().isEmpty() ? "" : ": " + r.description());
        }
        if (answer instanceof Answer.Failed f) {
            return f.why();
        }
        return "a token was issued";
    }

    private final URI tokenEndpoint;
    private final DevTenant tenant;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** Throws IllegalArgumentException for a URL that is not http(s), or plain http off loopback. */
    public DevTokenClient(String issuerUrl, DevTenant tenant) {
        this.tokenEndpoint = tokenEndpoint(issuerUrl);
        this.tenant = tenant;
    }

    URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Dev password grant through the tenant's SPA; {@code password} and {@code scope} may be null for the defaults. */
    public Answer forUser(String user, String password, String audience, String scope) throws InterruptedException {
        DevTenant.Client spa = tenant.passwordGrantClient()
                .orElseThrow(() -> new IllegalArgumentException("the tenant lets no client use the dev password grant"));
        String secret = password != null ? password : tenant.user(user).map(DevTenant.User::password)
                .orElseThrow(() -> new IllegalArgumentException("no local user '" + user + "' in dev-users.yaml (known: "
                        + String.join(", ", tenant.users().keySet()) + "); give --password for a user of another tenant"));
        String api = audience != null ? audience : tenant.audience();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", spa.clientId());
        form.put("username", user);
        form.put("password", secret);
        form.put("audience", api);
        form.put("scope", scope != null ? scope : defaultUserScope(api));
        return post(form);
    }

    /** Client credentials; {@code secret} and {@code scope} may be null for the dev secret and the whole grant. */
    public Answer forClient(String client, String secret, String audience, String scope) throws InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", client);
        String s = secret != null ? secret : tenant.client(client).map(DevTenant.Client::clientSecret).orElse("");
        if (!s.isEmpty()) {
            form.put("client_secret", s);
        }
        form.put("audience", audience != null ? audience : tenant.audience());
        if (scope != null) {
            form.put("scope", scope);
        }
        return post(form);
    }

    /** openid and every scope of the API, when the bundled tenant knows the API. */
    private String defaultUserScope(String api) {
        List<String> scopes = new ArrayList<>(List.of("openid"));
        tenant.api(api).ifPresent(a -> scopes.addAll(a.scopes()));
        return String.join(" ", scopes);
    }

    private Answer post(Map<String, String> form) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer.Failed("cannot reach the dev issuer at " + tokenEndpoint + " (" + describe(e)
                    + "); is `labauth dev` running?");
        }
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            return new Answer.Failed("the issuer answered " + response.statusCode() + " with no JSON");
        }
        Object token = body.get("access_token");
        if (response.statusCode() == 200 && token instanceof String accessToken && !accessToken.isEmpty()) {
            return new Answer.Issued(accessToken);
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500 && body.get("error") instanceof String error) {
            Object description = body.get("error_description");
            return new Answer.Refused(response.statusCode(), error, description instanceof String d ? d : "");
        }
        return new Answer.Failed("unexpected answer from the issuer: " + response.statusCode());
    }

    /** {@code URL/oauth/token}; plain {@code http} only to a loopback host, as everywhere in Lab Auth. */
    static URI tokenEndpoint(String issuerUrl) {
        URI uri;
        try {
            uri = new URI(issuerUrl.endsWith("/") ? issuerUrl : issuerUrl + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--issuer-url is not a URL: " + issuerUrl);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("--issuer-url must be an http(s) URL with a host, not " + issuerUrl);
        }
        if ("http".equals(scheme) && !Loopback.isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException("--issuer-url: http:// is accepted for loopback hosts only, not " + uri.getHost());
        }
        return uri.resolve("oauth/token");
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
