package dev.labauth.cli;

import dev.labauth.authorizer.policy.PolicyCompiler;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.io.BoundedRead;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.rules.AccessDecision;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import dev.labauth.local.issuer.DevTenant;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "explain",
        description = {
            "Say why the authorizer would allow or refuse a request for a given token.",
            "Verifies the token as the authorizer would, then prints the access rule the request meets, what it",
            "requires, what the token holds, and the decision. Issuer and audience as for verify."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the request would be allowed", "1:it would be refused (401 or 403; the output says why)",
            "2:usage or configuration error"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LabAuth labAuth;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Caller caller;

    static final class Caller {
        @Option(names = "--token", required = true, paramLabel = "TOKEN|-", description = "the access token, or - for standard input")
        String token;

        @Option(names = "--user", required = true, paramLabel = "NAME",
                description = "a local user of the running dev issuer (labauth dev), logged in with the dev password grant")
        String user;
    }

    @Parameters(index = "0", paramLabel = "\"METHOD /path\"", description = "the request, e.g. \"DELETE /experiments/42\"")
    String request;

    @Option(names = "--rules", paramLabel = "FILE", description = "access rules (default: ACCESS_RULES, else deploy/access-rules.yaml as bundled)")
    String rulesFile;

    @Option(names = "--issuer-url", paramLabel = "URL", defaultValue = TokenCommand.DEFAULT_ISSUER_URL,
            description = "with --user: the dev issuer (default: ${DEFAULT-VALUE})")
    String issuerUrl;

    @Mixin
    VerifierOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String[] parts = request.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            err.println("labauth explain: the request must be \"METHOD /path\", not '" + request + "'");
            return ExitCodes.USAGE;
        }
        String method = parts[0].toUpperCase(java.util.Locale.ROOT);
        // A query string is not part of the route (nor of the method ARN the policy is judged against).
        String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
        Map<String, String> env = new HashMap<>(labAuth.env());
        if (rulesFile != null) {
            env.put(AccessRulesFile.ENV, rulesFile);
        }
        String token;
        AccessRules rules;
        TokenVerifier verifier;
        try {
            rules = AccessRulesFile.fromEnvironment(env);
            // The same start-up check the authorizer makes: rules it would refuse are not explained.
            new PolicyCompiler(rules);
            if (caller.user != null) {
                DevTenant tenant = DevTenant.builtIn();
                // A dev user's token is judged against the dev issuer unless told otherwise.
                env.putIfAbsent(VerifierSettings.ISSUER, issuerUrl);
                env.putIfAbsent(VerifierSettings.AUDIENCE, tenant.audience());
                DevTokenClient.Answer answer = new DevTokenClient(issuerUrl, tenant).forUser(caller.user, null, null, null);
                if (!(answer instanceof DevTokenClient.Answer.Issued issued)) {
                    err.println("labauth explain: no token for " + caller.user + ": " + DevTokenClient.describe(answer));
                    return ExitCodes.USAGE;
                }
                token = issued.accessToken();
            } else {
                token = caller.token.equals("-")
                        ? BoundedRead.stream(labAuth.in(), VerifierOptions.MAX_STDIN_TOKEN_BYTES).strip() : caller.token.strip();
            }
            verifier = options.verifier(env);
        } catch (InvalidConfigurationException | IllegalArgumentException | IOException e) {
            err.println("labauth explain: " + VerifierOptions.problem(e));
            return ExitCodes.USAGE;
        }
        out.printf("request      %s %s%n", method, path);
        Verification verdict = verifier.verify(token);
        if (verdict instanceof Verification.Rejected rejected) {
            out.printf("token        refused: %s (%s)%n", rejected.reason().code(), rejected.description());
            out.printf("decision     401 Unauthorized: the authorizer never reaches the rules%n");
            return ExitCodes.REFUSED;
        }
        Principal p = ((Verification.Verified) verdict).principal();
        out.printf("token        valid: sub %s, client %s, %s%n", p.subject(), p.clientId().orElse("-"),
                p.isMachine() ? "machine-to-machine (" + Principal.MACHINE_GRANT + ")" : "a user");
        out.printf("token holds  scope: %s%n", joined(p.scopes()));
        out.printf("             permissions: %s%n", joined(p.permissions()));
        out.printf("             roles: %s%n", joined(p.roles()));
        Optional<AccessRule> rule = rules.match(method, path);
        if (rule.isEmpty()) {
            out.printf("rule         none: %s %s is not listed, and unlisted routes are denied%n", method, path);
            out.printf("decision     403 insufficient_scope%n");
            return ExitCodes.REFUSED;
        }
        AccessRule r = rule.get();
        out.printf("rule         %s (line %d): requires %s%n", r.route(), r.line(), r.describe());
        AccessDecision decision = AccessRules.decide(p, r);
        if (decision instanceof AccessDecision.Granted) {
            out.printf("decision     Allow%n");
            return ExitCodes.OK;
        }
        out.printf("decision     403 insufficient_scope: %s%n", ((AccessDecision.Refused) decision).reason());
        return ExitCodes.REFUSED;
    }

    private static String joined(java.util.Set<String> values) {
        return values.isEmpty() ? "(none)" : String.join(" ", new TreeSet<>(values));
    }
}
