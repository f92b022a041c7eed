package dev.labauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Ask the running dev issuer for an access token; print it, and nothing else, on standard output.",
            "--user: a person of deploy/auth0/dev-users.yaml (dev password grant, through the tenant's SPA).",
            "--client: a machine client of deploy/auth0/tenant.yaml (client-credentials grant).",
            "Passwords and client secrets are the development ones of dev-users.yaml unless given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token is printed", "1:the issuer refused (its error is on standard error)",
            "2:usage error, or the issuer could not be reached"})
final class TokenCommand implements Callable<Integer> {
    /** Where {@code labauth dev} runs the dev issuer. */
    static final String DEFAULT_ISSUER_URL = "http://127.0.0.1:3001/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", required = true, paramLabel = "NAME", description = "username (or email) of a local user")
        String user;

        @Option(names = "--client", required = true, paramLabel = "NAME", description = "a machine-to-machine client, e.g. lab-worker")
        String client;
    }

    @Option(names = "--scope", paramLabel = "SCOPES",
            description = "space-separated scopes to ask for (user default: openid and every scope of the API;"
                    + " client default: all its grant allows)")
    String scope;

    @Option(names = "--issuer-url", paramLabel = "URL", defaultValue = DEFAULT_ISSUER_URL,
            description = "the dev issuer (default: ${DEFAULT-VALUE})")
    String issuerUrl;

    @Option(names = "--audience", paramLabel = "API", description = "the API to ask a token for (default: the tenant's lab API)")
    String audience;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "the user's password (default: the dev one)")
    String password;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "the client's secret (default: the dev one)")
    String clientSecret;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI tokenEndpoint;
        try {
            tokenEndpoint = tokenEndpoint(issuerUrl);
        } catch (IllegalArgumentException e) {
            err.println("labauth token: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DevTenant tenant = DevTenant.builtIn();
        String api = audience != null ? audience : tenant.audience();
        Map<String, String> form;
        try {
            form = who.user != null ? passwordForm(tenant, api) : clientForm(tenant, api);
        } catch (IllegalArgumentException e) {
            err.println("labauth token: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build().send(
                    HttpRequest.newBuilder(tokenEndpoint).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("labauth token: cannot reach the dev issuer at " + tokenEndpoint + " (" + describe(e)
                    + "); is `labauth dev` running?");
            return ExitCodes.USAGE;
        }
        return answer(response, out, err);
    }

    private Map<String, String> passwordForm(DevTenant tenant, String api) {
        DevTenant.Client spa = tenant.passwordGrantClient()
                .orElseThrow(() -> new IllegalArgumentException("the tenant lets no client use the dev password grant"));
        String secret = password;
        if (secret == null) {
            secret = tenant.user(who.user).map(DevTenant.User::password).orElseThrow(() -> new IllegalArgumentException(
                    "no local user '" + who.user + "' in dev-users.yaml (known: " + String.join(", ", tenant.users().keySet())
                            + "); give --password for a user of another tenant"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", spa.clientId());
        form.put("username", who.user);
        form.put("password", secret);
        form.put("audience", api);
        form.put("scope", scope != null ? scope : defaultUserScope(tenant, api));
        return form;
    }

    private Map<String, String> clientForm(DevTenant tenant, String api) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", who.client);
        String secret = clientSecret != null ? clientSecret
                : tenant.client(who.client).map(DevTenant.Client::clientSecret).orElse("");
        if (!secret.isEmpty()) {
            form.put("client_secret", secret);
        }
        form.put("audience", api);
        if (scope != null) {
            form.put("scope", scope);
        }
        return form;
    }

    /** openid and every scope of the API, when the bundled tenant knows the API. */
    private static String defaultUserScope(DevTenant tenant, String api) {
        List<String> scopes = new ArrayList<>(List.of("openid"));
        tenant.api(api).ifPresent(a -> scopes.addAll(a.scopes()));
        return String.join(" ", scopes);
    }

    private static Integer answer(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            err.println("labauth token: the issuer answered " + response.statusCode() + " with no JSON");
            return ExitCodes.USAGE;
        }
        Object token = body.get("access_token");
        if (response.statusCode() == 200 && token instanceof String accessToken && !accessToken.isEmpty()) {
            out.println(accessToken);
            return ExitCodes.OK;
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500 && body.get("error") instanceof String error) {
            Object description = body.get("error_description");
            err.println("labauth token: the issuer refused (" + response.statusCode() + "): " + error
                    + (description instanceof String d ? ": " + d : ""));
            return ExitCodes.REFUSED;
        }
        err.println("labauth token: unexpected answer from the issuer: " + response.statusCode());
        return ExitCodes.USAGE;
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
        if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("--issuer-url: http:// is accepted for loopback hosts only, not " + uri.getHost());
        }
        return uri.resolve("oauth/token");
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || bare.contains(":");
        try {
            return ipLiteral && InetAddress.getByName(bare).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
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
