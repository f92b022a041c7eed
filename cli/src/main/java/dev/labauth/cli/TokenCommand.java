package dev.labauth.cli;

import dev.labauth.local.issuer.DevTenant;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
        DevTokenClient.Answer answer;
        try {
            DevTokenClient client = new DevTokenClient(issuerUrl, DevTenant.builtIn());
            answer = who.user != null
                    ? client.forUser(who.user, password, audience, scope)
                    : client.forClient(who.client, clientSecret, audience, scope);
        } catch (IllegalArgumentException e) {
            err.println("labauth token: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (answer instanceof DevTokenClient.Answer.Issued issued) {
            out.println(issued.accessToken());
            return ExitCodes.OK;
        }
        err.println("labauth token: " + DevTokenClient.describe(answer));
        return answer instanceof DevTokenClient.Answer.Refused ? ExitCodes.REFUSED : ExitCodes.USAGE;
    }
}
