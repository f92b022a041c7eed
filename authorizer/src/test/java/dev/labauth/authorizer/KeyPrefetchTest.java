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
 * {@code LABAUTH_PREFETCH_KEYS} (default true) it starts fetching the key sets on a daemon thread.
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
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(tenant.environment(), log);

        Thread prefetch = engine.startInitWork(log).orElseThrow();
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
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(tenant.environment(), log);
        engine.startInitWork(log).orElseThrow().join();

        assertThat(engine.prefetchKeys(Instant.now())).isEmpty();
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
    }

    @Test
    void turnedOff_nothingIsFetchedUntilTheFirstRequest() {
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(
                with(tenant.environment(), AuthorizerSettings.PREFETCH_KEYS, "false"), log);

        assertThat(engine.startInitWork(log)).isEmpty();

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

        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(env, log);
        engine.startInitWork(log).orElseThrow().join();

        assertThat(log.all()).hasSize(1);
        Map<String, Object> warning = RuntimeJson.parse(log.all().get(0));
        assertThat(warning).containsEntry("level", "WARN");
        assertThat((String) warning.get("message")).contains("prefetch", dead.issuer().jwksUri());
        new Harness(engine, log).run(Handler.TOKEN, "Bearer " + token).assertServerError("jwks_unavailable");
    }

    @Test
    void aMisconfiguredEngineOrOneBuiltInCodeStartsNoPrefetch() {
        AuthorizerEngine misconfigured = AuthorizerEngine.fromEnvironment(Map.of(), log);
        AuthorizerEngine inCode = tenant.remoteHarness().engine();

        assertThat(misconfigured.startInitWork(log)).isEqualTo(Optional.empty());
        assertThat(inCode.startInitWork(log)).isEmpty();
        assertThat(misconfigured.prefetchKeys(Instant.now())).isEmpty();
        assertThat(tenant.issuer().jwksRequests()).isZero();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(name, value);
        return env;
    }
}
