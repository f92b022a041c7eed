package dev.labauth.cli;

import dev.labauth.local.gateway.LocalGateway;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import dev.labauth.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dev issuer and the local gateway, wired together; also what the end-to-end tests and the demo start. */
public final class LocalStack implements AutoCloseable {
    /** Where the template is read from when none is given and the repository's copy is absent. */
    static final String BUNDLED_TEMPLATE = "/deploy/template.yaml";

    public final DevIssuer issuer;
    public final LocalGateway gateway;

    private LocalStack(DevIssuer issuer, LocalGateway gateway) {
        this.issuer = issuer;
        this.gateway = gateway;
    }

    public static LocalStack start(int apiPort, int issuerPort, Path templateFile, java.util.function.Consumer<String> requestLog)
            throws IOException {
        DevIssuer issuer;
        try {
            issuer = DevIssuer.start(issuerPort, DevTenant.builtIn(), Clock.systemUTC());
        } catch (java.net.BindException e) {
            throw new IOException("port " + issuerPort + " is taken; choose another with --issuer-port", e);
        }
        try {
            Map<String, String> parameters = Map.of(
                    "Auth0Domain", "dev-issuer.invalid",
                    "Auth0Audience", issuer.tenant().audience());
            SamTemplate template = SamTemplate.parse(readTemplate(templateFile), templateLabel(templateFile), parameters);
            LocalGateway gateway = LocalGateway.start(apiPort, template,
                    (function, env) -> localEnvironment(env, issuer.issuer()), Clock.systemUTC(), requestLog);
            return new LocalStack(issuer, gateway);
        } catch (java.net.BindException e) {
            issuer.close();
            throw new IOException("port " + apiPort + " is taken; choose another with --api-port", e);
        } catch (RuntimeException | IOException e) {
            issuer.close();
            throw e;
        }
    }

    /**
     * A function's environment on the laptop: the authorizer trusts the dev issuer instead of the
     * Auth0 domain, and the lab functions keep experiments in memory (DynamoDB Local is not available).
     */
    static Map<String, String> localEnvironment(Map<String, String> templateEnvironment, String devIssuer) {
        Map<String, String> env = new LinkedHashMap<>(templateEnvironment);
        if (env.remove("AUTH0_DOMAIN") != null) {
            env.put("AUTH0_ISSUER", devIssuer);
        }
        env.put("EXPERIMENTS_STORE", "memory");
        return env;
    }

    void describe(PrintWriter out, long readyMs) {
        out.printf("Lab Auth local stack ready in %d ms%n%n", readyMs);
        out.printf("  API        %s%n", gateway.url());
        out.printf("  issuer     %s  (JWKS %s, development keys)%n", issuer.issuer(), issuer.jwksUri());
        out.printf("  audience   %s%n%n", issuer.tenant().audience());
        out.println("Try:");
        out.printf("  TOKEN=$(./labauth token --client lab-worker --issuer-url %s)%n", issuer.issuer());
        out.printf("  curl -i -H \"Authorization: Bearer $TOKEN\" %s/me%n%n", gateway.url());
        out.println("Requests are logged below; stop with Ctrl-C.");
    }

    @Override
    public void close() {
        gateway.close();
        issuer.close();
    }

    private static String readTemplate(Path file) throws IOException {
        if (file != null) {
            return Files.readString(file);
        }
        Path here = Path.of("deploy", "template.yaml");
        if (Files.isReadable(here)) {
            return Files.readString(here);
        }
        try (InputStream in = LocalStack.class.getResourceAsStream(BUNDLED_TEMPLATE)) {
            if (in == null) {
                throw new IOException("no template: deploy/template.yaml is absent and the jar carries none");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String templateLabel(Path file) {
        if (file != null) {
            return file.toString();
        }
        return Files.isReadable(Path.of("deploy", "template.yaml")) ? "deploy/template.yaml" : "template.yaml (bundled)";
    }
}
