package dev.labauth.authorizer;

import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every handler shares within one Lambda container: the gatekeeper (and its cached keys) and
 * the decision log. Built once, at init. A configuration mistake does not crash init: it is logged
 * once and every request then fails as {@code misconfigured}, counted like any other outcome.
 */
public final class AuthorizerEngine {
    private static volatile AuthorizerEngine shared;

    private final Gatekeeper gatekeeper;
    private final String configurationProblem;
    private final DecisionLog log;

    private AuthorizerEngine(Gatekeeper gatekeeper, String configurationProblem, DecisionLog log) {
        this.gatekeeper = gatekeeper;
        this.configurationProblem = configurationProblem;
        this.log = log;
    }

    public static AuthorizerEngine of(Gatekeeper gatekeeper, DecisionLog log) {
        return new AuthorizerEngine(gatekeeper, null, log);
    }

    /** The engine of this process, built from the environment on first use. */
    public static AuthorizerEngine shared() {
        AuthorizerEngine e = shared;
        if (e == null) {
            synchronized (AuthorizerEngine.class) {
                e = shared;
                if (e == null) {
                    e = fromEnvironment(System.getenv(), System.err::println);
                    shared = e;
                }
            }
        }
        return e;
    }

    public static AuthorizerEngine fromEnvironment(Map<String, String> env, Consumer<String> logSink) {
        DecisionLog log = new DecisionLog(logSink, Clock.systemUTC());
        try {
            return of(new Gatekeeper(TokenVerifier.remote(VerifierSettings.fromEnvironment(env))), log);
        } catch (InvalidConfigurationException e) {
            logSink.accept("{\"level\":\"ERROR\",\"message\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(
                    "Lab Auth authorizer is misconfigured; every request will fail with 500. " + e.getMessage()) + "}");
            return new AuthorizerEngine(null, e.getMessage(), log);
        }
    }

    /** Decides and logs one request. {@code resource} is the ARN the request was for, for the log. */
    public Decision decide(String authorizer, String authorizationValue, String resource) {
        Decision decision = gatekeeper == null
                ? new Decision.Refuse(Reason.MISCONFIGURED, configurationProblem)
                : gatekeeper.decide(authorizationValue);
        log.record(authorizer, decision, authorizationValue, resource);
        return decision;
    }

    /** Logs a refusal decided before any token was looked at (a conflicting header, an unusable ARN). */
    public Decision refuse(String authorizer, Reason reason, String description, String resource) {
        Decision decision = new Decision.Refuse(reason, description);
        log.record(authorizer, decision, null, resource);
        return decision;
    }
}
