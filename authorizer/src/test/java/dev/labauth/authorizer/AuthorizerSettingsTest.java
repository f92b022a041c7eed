package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labauth.authorizer.testing.DecisionLines;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.RuntimeJson;
import dev.labauth.core.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** LABAUTH_* settings: defaults, accepted spellings, and each bad value named in the problem it causes. */
class AuthorizerSettingsTest {
    private static final Map<String, String> VERIFIER = Map.of(
            "AUTH0_DOMAIN", "lab.eu.auth0.com", "AUTH0_AUDIENCE", "https://api.lab.example");

    @Test
    void defaultsApplyWhenNothingIsSetOrAValueIsBlank() {
        AuthorizerSettings unset = AuthorizerSettings.fromEnvironment(Map.of());
        AuthorizerSettings blank = AuthorizerSettings.fromEnvironment(Map.of(
                AuthorizerSettings.TOKEN_CACHE_SECONDS, " ", AuthorizerSettings.TOKEN_CACHE_ENTRIES, "",
                AuthorizerSettings.PREFETCH_KEYS, " ", AuthorizerSettings.CRYPTO_PROVIDER, ""));

        assertThat(unset).isEqualTo(AuthorizerSettings.defaults()).isEqualTo(blank);
        assertThat(unset.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(unset.tokenCacheEntries()).isEqualTo(1000);
        assertThat(unset.prefetchKeys()).isTrue();
        assertThat(unset.cryptoProvider()).isEqualTo(AuthorizerSettings.CryptoProvider.JDK);
        assertThat(unset.tokenCacheEnabled()).isTrue();
    }

    @Test
    void valuesAreReadTrimmedAndCaseInsensitiveWhereTheyAreWords() {
        AuthorizerSettings settings = AuthorizerSettings.fromEnvironment(Map.of(
                AuthorizerSettings.TOKEN_CACHE_SECONDS, " 3600 ", AuthorizerSettings.TOKEN_CACHE_ENTRIES, "100000",
                AuthorizerSettings.PREFETCH_KEYS, "FALSE", AuthorizerSettings.CRYPTO_PROVIDER, " ACCP"));

        assertThat(settings.tokenCacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.tokenCacheEntries()).isEqualTo(100_000);
        assertThat(settings.prefetchKeys()).isFalse();
        assertThat(settings.cryptoProvider()).isEqualTo(AuthorizerSettings.CryptoProvider.ACCP);
    }

    @Test
    void theLowestValuesAreAccepted_aZeroTtlTurnsTheCacheOff() {
        AuthorizerSettings settings = AuthorizerSettings.fromEnvironment(Map.of(
                AuthorizerSettings.TOKEN_CACHE_SECONDS, "0", AuthorizerSettings.TOKEN_CACHE_ENTRIES, "1",
                AuthorizerSettings.PREFETCH_KEYS, "true", AuthorizerSettings.CRYPTO_PROVIDER, "jdk"));

        assertThat(settings.tokenCacheEnabled()).isFalse();
        assertThat(settings.tokenCacheEntries()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "LABAUTH_TOKEN_CACHE_SECONDS | -1     | LABAUTH_TOKEN_CACHE_SECONDS is -1; it must be between 0 and 3600",
        "LABAUTH_TOKEN_CACHE_SECONDS | 3601   | LABAUTH_TOKEN_CACHE_SECONDS is 3601; it must be between 0 and 3600",
        "LABAUTH_TOKEN_CACHE_SECONDS | 5m     | LABAUTH_TOKEN_CACHE_SECONDS '5m' is not a whole number",
        "LABAUTH_TOKEN_CACHE_SECONDS | 1.5    | LABAUTH_TOKEN_CACHE_SECONDS '1.5' is not a whole number",
        "LABAUTH_TOKEN_CACHE_SECONDS | 99999999999999999999 | LABAUTH_TOKEN_CACHE_SECONDS '99999999999999999999' is not a whole number",
        "LABAUTH_TOKEN_CACHE_ENTRIES | 0      | LABAUTH_TOKEN_CACHE_ENTRIES is 0; it must be between 1 and 100000",
        "LABAUTH_TOKEN_CACHE_ENTRIES | 100001 | LABAUTH_TOKEN_CACHE_ENTRIES is 100001; it must be between 1 and 100000",
        "LABAUTH_TOKEN_CACHE_ENTRIES | many   | LABAUTH_TOKEN_CACHE_ENTRIES 'many' is not a whole number",
        "LABAUTH_PREFETCH_KEYS       | yes    | LABAUTH_PREFETCH_KEYS 'yes' must be true or false",
        "LABAUTH_PREFETCH_KEYS       | 1      | LABAUTH_PREFETCH_KEYS '1' must be true or false",
        "LABAUTH_CRYPTO_PROVIDER     | bouncycastle | LABAUTH_CRYPTO_PROVIDER 'bouncycastle' must be jdk or accp",
        "LABAUTH_CRYPTO_PROVIDER     | SunRsaSign   | LABAUTH_CRYPTO_PROVIDER 'SunRsaSign' must be jdk or accp"})
    void eachBadValueIsNamed_andMakesEveryRequestA500Misconfigured(String name, String value, String problem) {
        assertThatThrownBy(() -> AuthorizerSettings.fromEnvironment(Map.of(name, value)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.problems()).containsExactly(problem));

        Map<String, String> env = new HashMap<>(VERIFIER);
        env.put(name, value);
        DecisionLines log = new DecisionLines();
        Harness harness = new Harness(AuthorizerEngine.fromEnvironment(env, log), log);
        assertThat((String) RuntimeJson.parse(log.all().get(0)).get("message")).contains(problem);
        for (Handler handler : Handler.values()) {
            harness.run(handler, "Bearer x.y.z").assertServerError("misconfigured");
        }
    }

    @Test
    void everyMistakeIsReportedTogether_withTheVerifiersAndTheRulesFiles() {
        assertThatThrownBy(() -> AuthorizerSettings.fromEnvironment(Map.of(
                AuthorizerSettings.TOKEN_CACHE_SECONDS, "7200", AuthorizerSettings.TOKEN_CACHE_ENTRIES, "many",
                AuthorizerSettings.PREFETCH_KEYS, "maybe", AuthorizerSettings.CRYPTO_PROVIDER, "fast")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "LABAUTH_TOKEN_CACHE_SECONDS is 7200; it must be between 0 and 3600",
                        "LABAUTH_TOKEN_CACHE_ENTRIES 'many' is not a whole number",
                        "LABAUTH_PREFETCH_KEYS 'maybe' must be true or false",
                        "LABAUTH_CRYPTO_PROVIDER 'fast' must be jdk or accp"));

        DecisionLines log = new DecisionLines();
        AuthorizerEngine engine = AuthorizerEngine.fromEnvironment(Map.of(
                AuthorizerSettings.TOKEN_CACHE_ENTRIES, "0", "ACCESS_RULES", "/no/such/rules.yaml"), log);

        assertThat(log.all()).hasSize(1);
        assertThat(RuntimeJson.parse(log.all().get(0))).containsEntry("level", "ERROR");
        assertThat((String) RuntimeJson.parse(log.all().get(0)).get("message"))
                .contains("AUTH0_AUDIENCE is required", "LABAUTH_TOKEN_CACHE_ENTRIES is 0", "ACCESS_RULES");
        assertThat(engine.verifiedTokenCache()).isEmpty();
        new Harness(engine, log).run(Handler.TOKEN, "Bearer x.y.z").assertServerError("misconfigured");
    }

    @Test
    void accp_askedForButAbsentIsAConfigurationProblem_notACrashNorASilentFallBack() {
        assertThat(CryptoProviders.installAccp()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("LABAUTH_CRYPTO_PROVIDER=accp", "Amazon Corretto Crypto Provider is not on the classpath"));

        Map<String, String> env = new HashMap<>(VERIFIER);
        env.put(AuthorizerSettings.CRYPTO_PROVIDER, "accp");
        DecisionLines log = new DecisionLines();
        Harness harness = new Harness(AuthorizerEngine.fromEnvironment(env, log), log);

        assertThat((String) RuntimeJson.parse(log.all().get(0)).get("message"))
                .contains("Amazon Corretto Crypto Provider is not on the classpath");
        harness.run(Handler.TOKEN, "Bearer x.y.z").assertServerError("misconfigured");
    }

    @Test
    void accp_isInstalledThroughItsDocumentedEntryPoints_andAnUnhealthyOneIsAProblem() {
        HealthyProviderStandIn.installed = 0;
        assertThat(CryptoProviders.install(HealthyProviderStandIn.class.getName())).isEmpty();
        assertThat(HealthyProviderStandIn.installed).isEqualTo(1);

        assertThat(CryptoProviders.install(UnhealthyProviderStandIn.class.getName()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("cannot be used", "native library not loaded"));
        assertThat(CryptoProviders.install(String.class.getName()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("cannot be used"));
    }

    @Test
    void theEnvironmentVariablesAreTheDocumentedOnes() {
        assertThat(List.of(AuthorizerSettings.TOKEN_CACHE_SECONDS, AuthorizerSettings.TOKEN_CACHE_ENTRIES,
                AuthorizerSettings.PREFETCH_KEYS, AuthorizerSettings.CRYPTO_PROVIDER))
                .containsExactly("LABAUTH_TOKEN_CACHE_SECONDS", "LABAUTH_TOKEN_CACHE_ENTRIES", "LABAUTH_PREFETCH_KEYS",
                        "LABAUTH_CRYPTO_PROVIDER");
    }

    /** Shaped as ACCP's entry points are: static install(), INSTANCE, assertHealthy(). */
    public static final class HealthyProviderStandIn {
        public static final HealthyProviderStandIn INSTANCE = new HealthyProviderStandIn();
        static int installed;

        public static void install() {
            installed++;
        }

        public void assertHealthy() {
        }
    }

    /** As ACCP is where its native part cannot load. */
    public static final class UnhealthyProviderStandIn {
        public static final UnhealthyProviderStandIn INSTANCE = new UnhealthyProviderStandIn();

        public static void install() {
        }

        public void assertHealthy() {
            throw new IllegalStateException("native library not loaded");
        }
    }
}
