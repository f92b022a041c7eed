package dev.labauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.io.BoundedRead;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "verify",
        description = {
            "Verify one access token as the authorizer would; print the verdict as JSON.",
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

    @Mixin
    VerifierOptions options;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TokenVerifier verifier;
        try {
            verifier = options.verifier(labAuth.env());
        } catch (InvalidConfigurationException | IOException e) {
            err.println("labauth verify: " + VerifierOptions.problem(e));
            return ExitCodes.USAGE;
        }
        String raw = token.equals("-") ? BoundedRead.stream(labAuth.in(), VerifierOptions.MAX_STDIN_TOKEN_BYTES).strip() : token.strip();
        if (raw.regionMatches(true, 0, "bearer ", 0, 7)) {
            err.println("labauth verify: give the token alone, without the 'Bearer ' of the Authorization header");
            return ExitCodes.USAGE;
        }
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

}
