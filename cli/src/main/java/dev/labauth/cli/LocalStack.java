package dev.labauth.cli;

import dev.labauth.core.io.BoundedRead;
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
    /** CloudFormation's own limit on a template body. */
    static final int MAX_TEMPLATE_BYTES = 1024 * 1024;

    public final DevIssuer issuer;
    public final LocalGateway gateway;
    /** Template routes no access rule lists: always denied, which is rarely what was meant. */
    final java.util.List<String> unlistedRoutes;

    private LocalStack(DevIssuer issuer, LocalGateway gateway, java.util.List<String> unlistedRoutes) {
        this.issuer = issuer;
        this.gateway = gateway;
        this.unlistedRoutes = unlistedRoutes;
    }

    public static LocalStack start(int apiPort, int issuerPort, Path templateFile, java.util.function.Consumer<String> requestLog)
            throws IOException {
        return start(apiPort, issuerPort, templateFile, Map.of(), requestLog);
    }

    /** {@code processEnvironment}: where tuning settings for the authorizer come from (see {@link #localEnvironment}). */
    public static LocalStack start(int apiPort, int issuerPort, Path templateFile, Map<String, String> processEnvironment,
            java.util.function.Consumer<String> requestLog) throws IOException {
        if (apiPort != 0 && apiPort == issuerPort) {
            throw new IOException("--api-port and --issuer-port must differ (both are " + apiPort + ")");
        }
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
                    (function, env) -> localEnvironment(env, issuer.issuer(), processEnvironment), Clock.systemUTC(), requestLog);
            return new LocalStack(issuer, gateway, unlisted(template, processEnvironment));
        } catch (java.net.BindException e) {
            issuer.close();
            throw new IOException("port " + apiPort + " is taken; choose another with --api-port", e);
        } catch (RuntimeException | IOException e) {
            issuer.close();
            throw e;
        }
    }

    /** The template's routes that the access rules the authorizer will use do not list. */
    private static java.util.List<String> unlisted(SamTemplate template, Map<String, String> processEnvironment) {
        dev.labauth.core.rules.AccessRules rules;
        try {
            rules = dev.labauth.authorizer.rules.AccessRulesFile.fromEnvironment(processEnvironment);
        } catch (RuntimeException e) {
            return java.util.List.of(); // the authorizer reports a broken rules file itself, on every request
        }
        java.util.List<String> unlisted = new java.util.ArrayList<>();
        for (SamTemplate.Route route : template.routes()) {
            String method = route.method().equals("ANY") ? "GET" : route.method();
            String path = route.path().replaceAll("\\{[^/}]+\\+}", "x/y").replaceAll("\\{[^/}]+}", "x");
            if (rules.match(method, path).isEmpty()) {
                unlisted.add(route.method() + " " + route.path());
            }
        }
        return unlisted;
    }

    /** Settings the stack owns: who is trusted for what stays the dev issuer and its API, whatever the shell says. */
    private static final java.util.Set<String> OWNED = java.util.Set.of(
            "AUTH0_DOMAIN", "AUTH0_ISSUER", "AUTH0_AUDIENCE", "AUTH0_JWKS_URI");

    /**
     * A function's environment on the laptop: the authorizer trusts the dev issuer instead of the
     * Auth0 domain, and the lab functions keep experiments in memory (DynamoDB Local is not available).
     * The authorizer's tuning settings ({@code AUTH0_JWKS_CACHE_SECONDS}, {@code AUTH0_CLOCK_SKEW_SECONDS},
     * ..., {@code LABAUTH_TOKEN_CACHE_SECONDS}, ... and {@code ACCESS_RULES}) are taken from the process
     * environment, as {@code sam local} takes {@code --env-vars}, so that shorter caches can be tried by hand.
     * Unset, they are production's defaults: the dev stack runs with the verified-token cache on, as Lambda does.
     */
    static Map<String, String> localEnvironment(Map<String, String> templateEnvironment, String devIssuer,
            Map<String, String> processEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(templateEnvironment);
        if (env.remove("AUTH0_DOMAIN") != null) {
            env.put("AUTH0_ISSUER", devIssuer);
            processEnvironment.forEach((k, v) -> {
                if ((k.startsWith("AUTH0_") && !OWNED.contains(k)) || k.startsWith("LABAUTH_") || k.equals("ACCESS_RULES")) {
                    env.put(k, v);
                }
            });
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
        for (String route : unlistedRoutes) {
            out.printf("warning: %s is in the template but no access rule lists it: every request to it is denied%n", route);
        }
        out.println("Requests are logged below; stop with Ctrl-C.");
    }

    @Override
    public void close() {
        gateway.close();
        issuer.close();
    }

    private static String readTemplate(Path file) throws IOException {
        if (file != null) {
            return BoundedRead.file(file, MAX_TEMPLATE_BYTES, "template");
        }
        Path here = Path.of("deploy", "template.yaml");
        if (Files.isReadable(here)) {
            return BoundedRead.file(here, MAX_TEMPLATE_BYTES, "template");
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
