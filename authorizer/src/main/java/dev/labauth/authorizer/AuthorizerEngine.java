package dev.labauth.authorizer;

import dev.labauth.authorizer.cache.VerifiedTokenCache;
import dev.labauth.authorizer.decision.AuthorizationValue;
import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.authorizer.json.JsonText;
import dev.labauth.authorizer.policy.PolicyCompiler;
import dev.labauth.authorizer.priming.Priming;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What every handler shares within one Lambda container: the gatekeeper (with its cached keys, its
 * verified-token cache and the access rules), the policy compiler and the decision log. Built once, at
 * init. A configuration mistake does not crash init: it is logged once and every request then fails as
 * {@code misconfigured}, counted like any other outcome.
 */
public final class AuthorizerEngine {
    private static volatile AuthorizerEngine shared;

    private final Gatekeeper gatekeeper;
    private final PolicyCompiler policies;
    private final String configurationProblem;
    private final DecisionLog log;

    private AuthorizerEngine(Gatekeeper gatekeeper, PolicyCompiler policies, String configurationProblem, DecisionLog log) {
        this.gatekeeper = gatekeeper;
        this.policies = policies;
        this.configurationProblem = configurationProblem;
        this.log = log;
    }

    /** An engine around a gatekeeper; throws if its rules cannot make a policy within the budget. */
    public static AuthorizerEngine of(Gatekeeper gatekeeper, DecisionLog log) {
        return new AuthorizerEngine(gatekeeper, new PolicyCompiler(gatekeeper.rules()), null, log);
    }

    /**
     * The engine of this process, built from the environment on first use. Its SnapStart priming is
     * registered, and the key sets start downloading in the background unless
     * {@code LABAUTH_PREFETCH_KEYS=false}.
     */
    public static AuthorizerEngine shared() {
        AuthorizerEngine e = shared;
        if (e == null) {
            synchronized (AuthorizerEngine.class) {
                e = shared;
                if (e == null) {
                    e = initialise(System.getenv(), System.err::println).engine();
                    shared = e;
                }
            }
        }
        return e;
    }

    /**
     * Token settings from {@code AUTH0_*}, rules from {@code ACCESS_RULES} or the bundled file, the
     * authorizer's own from {@code LABAUTH_*}; every mistake reported together.
     */
    public static AuthorizerEngine fromEnvironment(Map<String, String> env, Consumer<String> logSink) {
        return build(env, logSink, (verifier, settings) -> { });
    }

    /** An engine built as Lambda's init builds it, and the key prefetch thread it started, if any. */
    record Init(AuthorizerEngine engine, Optional<Thread> prefetch) {
    }

    /**
     * Lambda's init: the engine from the environment, with the key set prefetch (unless
     * {@code LABAUTH_PREFETCH_KEYS=false}) started as soon as the verifier exists, before the access
     * rules are read and compiled, so that the TLS set-up overlaps them; then SnapStart priming registered.
     */
    static Init initialise(Map<String, String> env, Consumer<String> logSink) {
        AtomicReference<Thread> prefetch = new AtomicReference<>();
        AuthorizerEngine engine = build(env, logSink, (verifier, settings) -> {
            if (settings.prefetchKeys()) {
                prefetch.set(prefetchInBackground(verifier, logSink));
            }
        });
        Priming.register(engine);
        return new Init(engine, Optional.ofNullable(prefetch.get()));
    }

    private static AuthorizerEngine build(Map<String, String> env, Consumer<String> logSink,
            BiConsumer<TokenVerifier, AuthorizerSettings> verifierReady) {
        Clock clock = Clock.systemUTC();
        DecisionLog log = new DecisionLog(logSink, clock);
        List<String> problems = new ArrayList<>();
        VerifierSettings verifierSettings = null;
        AuthorizerSettings authorizerSettings = null;
        AccessRules rules = null;
        try {
            verifierSettings = VerifierSettings.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            authorizerSettings = AuthorizerSettings.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (authorizerSettings != null && authorizerSettings.cryptoProvider() == AuthorizerSettings.CryptoProvider.ACCP) {
            CryptoProviders.installAccp().ifPresent(problems::add);
        }
        TokenVerifier verifier = null;
        if (problems.isEmpty()) {
            verifier = TokenVerifier.remote(verifierSettings);
            verifierReady.accept(verifier, authorizerSettings);
        }
        try {
            rules = AccessRulesFile.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (problems.isEmpty()) {
            try {
                Gatekeeper gatekeeper = gatekeeper(verifier, rules, authorizerSettings, clock);
                return new AuthorizerEngine(gatekeeper, new PolicyCompiler(rules), null, log);
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        String message = new InvalidConfigurationException(problems).getMessage();
        logSink.accept("{\"level\":\"ERROR\",\"message\":" + JsonText.quoted(
                "Lab Auth authorizer is misconfigured; every request will fail with 500. " + message) + "}");
        return new AuthorizerEngine(null, null, message, log);
    }

    /**
     * The gatekeeper the settings ask for: with a verified-token cache on {@code clock} (which should be
     * the verifier's), unless its TTL is zero.
     */
    public static Gatekeeper gatekeeper(TokenVerifier verifier, AccessRules rules, AuthorizerSettings settings, Clock clock) {
        if (!settings.tokenCacheEnabled()) {
            return new Gatekeeper(verifier, rules);
        }
        return new Gatekeeper(verifier, rules,
                new VerifiedTokenCache(settings.tokenCacheTtl(), settings.tokenCacheEntries(), clock));
    }

    PolicyCompiler policies() {
        return policies;
    }

    /** The verified-token cache, when this engine has one. */
    public Optional<VerifiedTokenCache> verifiedTokenCache() {
        return gatekeeper == null ? Optional.empty() : gatekeeper.cache();
    }

    /**
     * Fetches every issuer's key set now, or keeps it if it is younger than its TTL at {@code now} (init,
     * SnapStart hooks). Returns what could not be fetched; the first request that needs such a set tries
     * again within the key source's limits. A misconfigured engine has nothing to fetch.
     */
    public List<String> prefetchKeys(Instant now) {
        return gatekeeper == null ? List.of() : gatekeeper.verifier().prefetchKeys(now);
    }

    /**
     * Starts fetching the key sets on a daemon thread and returns at once: the TLS set-up and the download
     * then overlap the rest of the function's init and the runtime reading the first event. A request that
     * arrives first simply fetches too (the key source lets one fetch through at a time and keeps it).
     */
    private static Thread prefetchInBackground(TokenVerifier verifier, Consumer<String> notices) {
        Thread prefetch = new Thread(() -> {
            for (String problem : verifier.prefetchKeys(Instant.now())) {
                notices.accept("{\"level\":\"WARN\",\"message\":" + JsonText.quoted(
                        "key set prefetch at init failed; the first request will try again: " + problem) + "}");
            }
        }, "labauth-key-prefetch");
        prefetch.setDaemon(true);
        prefetch.start();
        return prefetch;
    }

    /** Decides and logs one request for {@code method path}. {@code resource} is the request's ARN, for the log. */
    public Decision decide(String authorizer, String authorizationValue, String method, String path, String resource) {
        AuthorizationValue value = AuthorizationValue.of(authorizationValue);
        Decision decision = gatekeeper == null
                ? new Decision.Refuse(Reason.MISCONFIGURED, configurationProblem)
                : gatekeeper.decide(value, method, path);
        log.record(authorizer, decision, value.digest().orElse(null), resource);
        return decision;
    }

    /** Logs a refusal decided before any token was looked at (a conflicting header, an unusable ARN). */
    public Decision refuse(String authorizer, Reason reason, String description, String resource) {
        Decision decision = new Decision.Refuse(reason, description);
        log.record(authorizer, decision, null, resource);
        return decision;
    }
}
