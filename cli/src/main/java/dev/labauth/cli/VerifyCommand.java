package dev.labauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.keys.KeySource;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify",
        description = {
            "Verify one access token as the authorizer would and print the verdict as JSON.",
            "Issuer, audience and the other settings come from the flags, else from the environment (AUTH0_*)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:rejected (the verdict says why)", "2:usage or configuration error"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LabAuth labAuth;

    @Parameters(index = "0", paramLabel = "TOKEN|-", description = "the access token, or - to read it from standard input")
    String token;

    @Option(names = "--issuer", paramLabel = "URL", description = "trusted issuer(s), comma-separated (AUTH0_ISSUER)")
    String issuer;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Auth0 tenant or custom domain (AUTH0_DOMAIN)")
    String domain;

    @Option(names = "--audience", paramLabel = "API", description = "accepted audience(s), comma-separated (AUTH0_AUDIENCE)")
    String audience;

    @Option(names = "--algorithms", paramLabel = "ALGS", description = "allowed algorithms (AUTH0_ALGORITHMS, default RS256)")
    String algorithms;

    @Option(names = "--jwks", paramLabel = "FILE|URL",
            description = "the key set: a saved JWKS file (works offline) or a URL (default: the issuer's)")
    String jwks;

    @Option(names = "--now", paramLabel = "EPOCH",
            description = "judge exp/nbf/iat as of this instant (seconds since the epoch), e.g. for a token from a log")
    Long now;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = new HashMap<>(labAuth.env());
        if (issuer != null) {
            env.remove(VerifierSettings.DOMAIN);
            env.put(VerifierSettings.ISSUER, issuer);
        }
        if (domain != null) {
            env.remove(VerifierSettings.ISSUER);
            env.put(VerifierSettings.DOMAIN, domain);
        }
        put(env, VerifierSettings.AUDIENCE, audience);
        put(env, VerifierSettings.ALGORITHMS, algorithms);
        boolean jwksIsUrl = jwks != null && (jwks.startsWith("https://") || jwks.startsWith("http://"));
        if (jwksIsUrl) {
            env.put(VerifierSettings.JWKS_URI, jwks);
        }
        VerifierSettings settings;
        try {
            settings = VerifierSettings.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            err.println("labauth verify: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        KeySource fileKeys = null;
        if (jwks != null && !jwksIsUrl) {
            try {
                fileKeys = FixedKeySource.fromFile(Path.of(jwks));
            } catch (IOException e) {
                err.println("labauth verify: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        KeySource offline = fileKeys;
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        TokenVerifier verifier = new TokenVerifier(settings,
                trusted -> offline != null ? offline : new RemoteKeySource(trusted.jwksUri(), settings.jwks()), clock);
        String raw = token.equals("-") ? new String(labAuth.in().readAllBytes(), StandardCharsets.UTF_8).strip() : token.strip();
        Verification verdict = verifier.verify(raw);
        out.println(JSONObjectUtils.toJSONString(toJson(verdict)));
        return verdict instanceof Verification.Verified ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static Map<String, Object> toJson(Verification verdict) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (verdict instanceof Verification.Verified verified) {
            json.put("valid", true);
            json.put("reason", null);
            json.put("description", "token is valid");
            json.put("principal", principal(verified.principal()));
        } else {
            Verification.Rejected rejected = (Verification.Rejected) verdict;
            json.put("valid", false);
            json.put("reason", rejected.reason().code());
            json.put("description", rejected.description());
            json.put("principal", null);
        }
        return json;
    }

    private static Map<String, Object> principal(Principal p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sub", p.subject());
        json.put("scopes", new TreeSet<>(p.scopes()));
        json.put("permissions", new TreeSet<>(p.permissions()));
        json.put("roles", new TreeSet<>(p.roles()));
        p.clientId().ifPresent(v -> json.put("clientId", v));
        p.grantType().ifPresent(v -> json.put("grantType", v));
        p.orgId().ifPresent(v -> json.put("orgId", v));
        p.email().ifPresent(v -> json.put("email", v));
        p.tokenId().ifPresent(v -> json.put("jti", v));
        json.put("expiresAt", p.expiresAt().toString());
        json.put("machine", p.isMachine());
        return json;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
