package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.authorizer.decision.Decision;
import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.authorizer.testing.TestTenant;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code AuthorizerEngine.shared()} does at init besides building the engine: with
 * {@code LABAUTH_PREFETCH_KEYS} (default true) it starts fetching the key sets on a daemon thread, as
 * soon as the verifier exists.
 * The tests wait for that thread by joining it; fetches are counted by the dev issuer.
 */
class KeyPrefetchTest {
    private TestTenant tenant;
    private final DecisionLines log = new DecisionLines();

    @BeforeEach
    void start() {
        tenant = TestTenant.start();
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    @Test
    void byDefaultTheKeySetIsFetchedAtInit_onADaemonThread_andTheFirstRequestNeedsNoFetch() throws Exception {
        AuthorizerEngine.Init init = AuthorizerEngine.initialise(tenant.environment(), log);
        AuthorizerEngine engine = init.engine();

        Thread prefetch = init.prefetch().orElseThrow();
        assertThat(prefetch.isDaemon()).as("never keeps a JVM alive").isTrue();
        prefetch.join();

        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
        assertThat(log.all()).as("nothing to report").isEmpty();
        assertThat(engine.decide("token", "Bearer " + tenant.validToken(), "GET", "/me", null))
                .isInstanceOf(Decision.Allow.class);
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
    }

    @Test
    void prefetchingAgainWithinTheKeySetsTtlFetchesNothing() throws Exception {
        AuthorizerEngine.Init init = AuthorizerEngine.initialise(tenant.environment(), log);
        AuthorizerEngine engine = init.engine();
        init.prefetch().orElseThrow().join();

        assertThat(engine.prefetchKeys(Instant.now())).isEmpty();
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
    }

    @Test
    void turnedOff_nothingIsFetchedUntilTheFirstRequest() {
        AuthorizerEngine.Init init = AuthorizerEngine.initialise(
                with(tenant.environment(), AuthorizerSettings.PREFETCH_KEYS, "false"), log);
        AuthorizerEngine engine = init.engine();

        assertThat(init.prefetch()).isEmpty();

        assertThat(tenant.issuer().jwksRequests()).isZero();
        assertThat(engine.decide("token", "Bearer " + tenant.validToken(), "GET", "/me", null))
                .isInstanceOf(Decision.Allow.class);
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
    }

    @Test
    void anUnreachableKeySetIsAWarningAtInit_andTheFirstRequestTriesAgain() throws Exception {
        TestTenant dead = TestTenant.start();
        Map<String, String> env = dead.environment();
        String token = dead.validToken();
        dead.close(); // nothing listens on its port any more

        AuthorizerEngine.Init init = AuthorizerEngine.initialise(env, log);
        AuthorizerEngine engine = init.engine();
        init.prefetch().orElseThrow().join();

        assertThat(log.all()).hasSize(1);
        Map<String, Object> warning = RuntimeJson.parse(log.all().get(0));
        assertThat(warning).containsEntry("level", "WARN");
        assertThat((String) warning.get("message")).contains("prefetch", dead.issuer().jwksUri());
        new Harness(engine, log).run(Handler.TOKEN, "Bearer " + token).assertServerError("jwks_unavailable");
    }

    @Test
    void withoutValidTokenSettingsNothingIsPrefetched() {
        AuthorizerEngine.Init misconfigured = AuthorizerEngine.initialise(Map.of(), log);

        assertThat(misconfigured.prefetch()).isEqualTo(Optional.empty());
        assertThat(misconfigured.engine().prefetchKeys(Instant.now())).isEmpty();
        assertThat(tenant.issuer().jwksRequests()).isZero();
    }

    /** The fetch starts before the access rules are read: a mistake in them still leaves a misconfigured engine. */
    @Test
    void brokenAccessRules_stillMakeAMisconfiguredEngine_whateverThePrefetchDid() throws Exception {
        AuthorizerEngine.Init init = AuthorizerEngine.initialise(
                with(tenant.environment(), "ACCESS_RULES", "/no/such/rules.yaml"), log);
        init.prefetch().orElseThrow().join();

        new Harness(init.engine(), log).run(Handler.TOKEN, "Bearer " + tenant.validToken()).assertServerError("misconfigured");
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(name, value);
        return env;
    }
}
