package dev.labauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierSettingsTest {
    private static final String API = "https://api.example.com";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static VerifierSettings read(String... pairs) {
        return VerifierSettings.fromEnvironment(env(pairs));
    }

    /** The problems reported for this environment; fails if the environment is accepted. */
    private static List<String> problems(String... pairs) {
        try {
            VerifierSettings accepted = read(pairs);
            throw new AssertionError("expected InvalidConfigurationException, got " + accepted);
        } catch (InvalidConfigurationException e) {
            assertThat(e.getMessage()).contains(e.problems());
            return e.problems();
        }
    }

    @Test
    void defaults_rs256_skew60_defaultRolesClaim_jwksDefaults() {
        VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API);

        assertThat(s.algorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.rolesClaim()).isEqualTo("https://labauth.dev/roles");
        assertThat(s.maxTokenBytes()).isEqualTo(8 * 1024);
        assertThat(s.audiences()).containsExactly(API);
        assertThat(s.jwks()).isEqualTo(JwksSettings.defaults());
        assertThat(s.jwks().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.jwks().cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.jwks().refetchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.jwks().outageTolerance()).isEqualTo(Duration.ofHours(1));
        assertThat(s.jwks().maxBytes()).isEqualTo(64 * 1024);
        assertThat(s.jwks().maxKeys()).isEqualTo(100);
        assertThat(s.maxJsonDepth()).isEqualTo(16);
    }

    /** Issue #5's limits written down: the new bounds read from the environment, and their extremes accepted. */
    @Test
    void hardeningLimits_canBeSet() {
        VerifierSettings low = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                "AUTH0_JWKS_MAX_KEYS", "1", "AUTH0_MAX_JSON_DEPTH", "2");
        VerifierSettings high = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                "AUTH0_JWKS_MAX_KEYS", "1000", "AUTH0_MAX_JSON_DEPTH", "255");

        assertThat(low.jwks().maxKeys()).isEqualTo(1);
        assertThat(low.maxJsonDepth()).isEqualTo(2);
        assertThat(high.jwks().maxKeys()).isEqualTo(1000);
        assertThat(high.maxJsonDepth()).isEqualTo(255);
    }

    @Test
    void everyNumberAndNameCanBeSet() {
        VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                "AUTH0_ALGORITHMS", "rs256, ES256", "AUTH0_CLOCK_SKEW_SECONDS", "0",
                "AUTH0_ROLES_CLAIM", "https://lab.example/roles", "AUTH0_MAX_TOKEN_BYTES", "4096",
                "AUTH0_JWKS_TIMEOUT_MS", "500", "AUTH0_JWKS_CACHE_SECONDS", "300", "AUTH0_JWKS_REFETCH_SECONDS", "10",
                "AUTH0_JWKS_OUTAGE_SECONDS", "0", "AUTH0_JWKS_MAX_BYTES", "2048");

        assertThat(s.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(s.clockSkew()).isZero();
        assertThat(s.rolesClaim()).isEqualTo("https://lab.example/roles");
        assertThat(s.maxTokenBytes()).isEqualTo(4096);
        assertThat(s.jwks()).isEqualTo(new JwksSettings(Duration.ofMillis(500), Duration.ofSeconds(300),
                Duration.ofSeconds(10), Duration.ZERO, 2048));
    }

    @Nested
    class IssuerForms {
        /** C-03: the domain as Auth0 shows it, with a scheme, with a trailing slash: one issuer. */
        @ParameterizedTest
        @ValueSource(strings = {"tenant.eu.auth0.com", "https://tenant.eu.auth0.com", "https://tenant.eu.auth0.com/",
                " tenant.eu.auth0.com ", "TENANT.EU.AUTH0.COM", "HTTPS://tenant.eu.auth0.com//"})
        void c03_domainForms_giveTheAuth0IssuerAndExactJwksUrl(String domain) {
            VerifierSettings s = read("AUTH0_DOMAIN", domain, "AUTH0_AUDIENCE", API);

            assertThat(s.issuers()).hasSize(1);
            TrustedIssuer issuer = s.issuers().get(0);
            assertThat(issuer.issuer()).isEqualTo("https://tenant.eu.auth0.com/");
            assertThat(issuer.jwksUri()).isEqualTo(URI.create("https://tenant.eu.auth0.com/.well-known/jwks.json"));
            assertThat(issuer.jwksUri().toString()).isEqualTo("https://tenant.eu.auth0.com/.well-known/jwks.json");
            assertThat(s.issuerNamed("https://tenant.eu.auth0.com/")).contains(issuer);
        }

        /** C-03: what must never be taken for the tenant. */
        @ParameterizedTest
        @ValueSource(strings = {"http://tenant.eu.auth0.com/", "https://tenant.eu.auth0.com.evil.example/",
                "https://login.lab.example/", "https://TENANT.eu.auth0.com/", "tenant.eu.auth0.com",
                "https://tenant.eu.auth0.com//", "https://tenant.eu.auth0.com/userinfo", ""})
        void c03_otherIssValues_nameNoIssuer(String iss) {
            VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API);

            assertThat(s.issuerNamed(iss)).isEmpty();
        }

        @Test
        void issuerWithoutPath_acceptsIssWithAndWithoutTrailingSlash() {
            VerifierSettings s = read("AUTH0_ISSUER", "https://login.lab.example", "AUTH0_AUDIENCE", API);

            TrustedIssuer issuer = s.issuers().get(0);
            assertThat(issuer.issuer()).isEqualTo("https://login.lab.example/");
            assertThat(issuer.acceptedIss()).containsExactlyInAnyOrder(
                    "https://login.lab.example/", "https://login.lab.example");
            assertThat(issuer.jwksUri()).isEqualTo(URI.create("https://login.lab.example/.well-known/jwks.json"));
            assertThat(s.issuerNamed("https://login.lab.example")).isPresent();
            assertThat(s.issuerNamed("https://login.lab.example/")).isPresent();
            assertThat(s.issuerNamed("https://login.lab.example/other")).isEmpty();
        }

        @Test
        void issuerWithPath_isComparedExactly() {
            VerifierSettings s = read("AUTH0_ISSUER", "https://idp.lab.example/tenants/a", "AUTH0_AUDIENCE", API);

            TrustedIssuer issuer = s.issuers().get(0);
            assertThat(issuer.acceptedIss()).containsExactly("https://idp.lab.example/tenants/a");
            assertThat(s.issuerNamed("https://idp.lab.example/tenants/a/")).isEmpty();
            assertThat(s.issuerNamed("https://idp.lab.example/")).isEmpty();
            assertThat(issuer.jwksUri())
                    .isEqualTo(URI.create("https://idp.lab.example/tenants/a/.well-known/jwks.json"));
        }

        @Test
        void issuerWithPathAndSlash_isComparedExactly() {
            VerifierSettings s = read("AUTH0_ISSUER", "https://idp.lab.example/tenants/a/", "AUTH0_AUDIENCE", API);

            assertThat(s.issuerNamed("https://idp.lab.example/tenants/a/")).isPresent();
            assertThat(s.issuerNamed("https://idp.lab.example/tenants/a")).isEmpty();
            assertThat(s.issuers().get(0).jwksUri())
                    .isEqualTo(URI.create("https://idp.lab.example/tenants/a/.well-known/jwks.json"));
        }

        @Test
        void commaSeparatedIssuers_eachWithItsOwnKeySet() {
            VerifierSettings s = read("AUTH0_ISSUER", "https://tenant.eu.auth0.com/, https://login.lab.example/",
                    "AUTH0_AUDIENCE", API);

            assertThat(s.issuers()).extracting(TrustedIssuer::issuer)
                    .containsExactly("https://tenant.eu.auth0.com/", "https://login.lab.example/");
            assertThat(s.issuers()).extracting(TrustedIssuer::jwksUri).containsExactly(
                    URI.create("https://tenant.eu.auth0.com/.well-known/jwks.json"),
                    URI.create("https://login.lab.example/.well-known/jwks.json"));
            assertThat(s.issuerNamed("https://login.lab.example/")).contains(s.issuers().get(1));
        }

        /** The same issuer written twice (with and without the slash) is one issuer, not a start-up crash. */
        @Test
        void sameIssuerTwice_isOneIssuer() {
            VerifierSettings s = read("AUTH0_ISSUER", "https://login.lab.example,https://login.lab.example/",
                    "AUTH0_AUDIENCE", API);

            assertThat(s.issuers()).hasSize(1);
        }

        @Test
        void jwksUriOverride_replacesTheDerivedUrl() {
            VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_JWKS_URI", "https://keys.lab.example/tenant/jwks.json");

            assertThat(s.issuers().get(0).jwksUri()).isEqualTo(URI.create("https://keys.lab.example/tenant/jwks.json"));
            assertThat(s.issuers().get(0).issuer()).isEqualTo("https://tenant.eu.auth0.com/");
        }

        @Test
        void jwksUriOverride_withTwoIssuers_isRefused() {
            assertThat(problems("AUTH0_ISSUER", "https://a.lab.example/,https://b.lab.example/", "AUTH0_AUDIENCE", API,
                    "AUTH0_JWKS_URI", "https://keys.lab.example/jwks.json"))
                    .singleElement().asString()
                    .contains("AUTH0_JWKS_URI").contains("2 issuers");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://localhost:9000/",
                "http://[::1]:8080/", "http://LOCALHOST/", "http://127.1.2.3/"})
        void httpIssuer_onLoopback_isAccepted(String issuer) {
            VerifierSettings s = read("AUTH0_ISSUER", issuer, "AUTH0_AUDIENCE", API);

            assertThat(s.issuers().get(0).jwksUri().getScheme()).isEqualTo("http");
            assertThat(s.issuers().get(0).jwksUri().getPath()).isEqualTo("/.well-known/jwks.json");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://example.com", "http://127.0.0.1.nip.io/", "http://localhost.lab.example/",
                "http://10.0.0.1/", "http://[::2]/"})
        void httpIssuer_offLoopback_isRefusedWithAClearMessage(String issuer) {
            assertThat(problems("AUTH0_ISSUER", issuer, "AUTH0_AUDIENCE", API)).singleElement().asString()
                    .contains("AUTH0_ISSUER").contains(issuer).contains("http://").contains("not loopback");
        }

        @Test
        void httpJwksUri_offLoopback_isRefused() {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_JWKS_URI", "http://keys.lab.example/jwks.json"))
                    .singleElement().asString().contains("AUTH0_JWKS_URI").contains("not loopback");
        }

        @Test
        void httpDomain_isRefused_pointingToAuth0Issuer() {
            assertThat(problems("AUTH0_DOMAIN", "http://tenant.eu.auth0.com", "AUTH0_AUDIENCE", API))
                    .singleElement().asString().contains("https only").contains("AUTH0_ISSUER");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tenant.eu.auth0.com/path", "tenant eu", "user@tenant.eu.auth0.com", "https://"})
        void domainThatIsNoHostName_isRefused(String domain) {
            assertThat(problems("AUTH0_DOMAIN", domain, "AUTH0_AUDIENCE", API))
                    .singleElement().asString().contains("AUTH0_DOMAIN").contains("not a host name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://login.lab.example/", "login.lab.example", "https://login.lab.example/?x=1",
                "https://login.lab.example/#frag", "https://user@login.lab.example/", "https://exa mple.com/"})
        void issuerThatIsNoPlainHttpsUrl_isRefused(String issuer) {
            assertThat(problems("AUTH0_ISSUER", issuer, "AUTH0_AUDIENCE", API))
                    .singleElement().asString().startsWith("AUTH0_ISSUER");
        }

        @Test
        void domainAndIssuerTogether_areRefused() {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_ISSUER", "https://login.lab.example/",
                    "AUTH0_AUDIENCE", API)).singleElement().asString().contains("not both");
        }

        @Test
        void neitherDomainNorIssuer_isRefused() {
            assertThat(problems("AUTH0_AUDIENCE", API)).singleElement().asString()
                    .contains("AUTH0_DOMAIN").contains("AUTH0_ISSUER").contains("required");
        }
    }

    @Nested
    class Audience {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", ",", " , "})
        void missingAudience_isRefused(String audience) {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", audience))
                    .singleElement().asString().contains("AUTH0_AUDIENCE is required");
        }

        @Test
        void absentAudience_isRefused() {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com"))
                    .singleElement().asString().contains("AUTH0_AUDIENCE is required");
        }

        /** C-04: comma-separated, trimmed. */
        @Test
        void c04_audiencesAreCommaSeparated() {
            VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com",
                    "AUTH0_AUDIENCE", "https://api.example.com, https://api-staging.example.com");

            assertThat(s.audiences()).containsExactlyInAnyOrder("https://api.example.com",
                    "https://api-staging.example.com");
        }
    }

    @Nested
    class Algorithms {
        @Test
        void unknownAlgorithm_isRefusedNamingTheSupportedOnes() {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API, "AUTH0_ALGORITHMS", "RS257"))
                    .singleElement().asString().contains("unknown algorithm 'RS257'").contains("RS256").contains("ES256");
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "NONE", "RS256,none"})
        void none_isRefused(String algorithms) {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API, "AUTH0_ALGORITHMS", algorithms))
                    .singleElement().asString().contains("'none'").contains("never accepted");
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS256", "hs384", "RS256,HS512"})
        void hmac_isRefusedWithAnExplanation(String algorithms) {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API, "AUTH0_ALGORITHMS", algorithms))
                    .singleElement().asString().contains("HMAC").contains("public-key");
        }

        @Test
        void everyAsymmetricAlgorithmNimbusVerifies_isAccepted() {
            VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_ALGORITHMS", "RS256,RS384,RS512,PS256,PS384,PS512,ES256,ES384,ES512");

            assertThat(s.algorithms()).hasSize(9);
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @ValueSource(strings = {
                "AUTH0_CLOCK_SKEW_SECONDS=-1", "AUTH0_CLOCK_SKEW_SECONDS=301",
                "AUTH0_MAX_TOKEN_BYTES=1023", "AUTH0_MAX_TOKEN_BYTES=65537",
                "AUTH0_JWKS_TIMEOUT_MS=99", "AUTH0_JWKS_TIMEOUT_MS=30001",
                "AUTH0_JWKS_CACHE_SECONDS=0", "AUTH0_JWKS_CACHE_SECONDS=86401",
                "AUTH0_JWKS_REFETCH_SECONDS=0", "AUTH0_JWKS_REFETCH_SECONDS=3601",
                "AUTH0_JWKS_OUTAGE_SECONDS=-1", "AUTH0_JWKS_OUTAGE_SECONDS=604801",
                "AUTH0_JWKS_MAX_BYTES=1023", "AUTH0_JWKS_MAX_BYTES=10485761",
                "AUTH0_JWKS_MAX_KEYS=0", "AUTH0_JWKS_MAX_KEYS=1001",
                "AUTH0_MAX_JSON_DEPTH=1", "AUTH0_MAX_JSON_DEPTH=256"})
        void outOfRange_isRefusedWithTheRange(String setting) {
            String[] kv = setting.split("=");
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API, kv[0], kv[1]))
                    .singleElement().asString().startsWith(kv[0] + " is " + kv[1] + "; it must be between ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"sixty", "60s", "1.5", "99999999999999999999"})
        void notAWholeNumber_isRefused(String value) {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_CLOCK_SKEW_SECONDS", value))
                    .singleElement().asString().contains("AUTH0_CLOCK_SKEW_SECONDS").contains("not a whole number");
        }

        @Test
        void boundsThemselves_areAccepted() {
            VerifierSettings s = read("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_CLOCK_SKEW_SECONDS", "300", "AUTH0_MAX_TOKEN_BYTES", "65536", "AUTH0_JWKS_TIMEOUT_MS", "100");

            assertThat(s.clockSkew()).isEqualTo(Duration.ofMinutes(5));
            assertThat(s.maxTokenBytes()).isEqualTo(65_536);
            assertThat(s.jwks().timeout()).isEqualTo(Duration.ofMillis(100));
        }

        @Test
        void refetchIntervalNotBelowCacheTtl_isRefused() {
            assertThat(problems("AUTH0_DOMAIN", "tenant.eu.auth0.com", "AUTH0_AUDIENCE", API,
                    "AUTH0_JWKS_CACHE_SECONDS", "60", "AUTH0_JWKS_REFETCH_SECONDS", "60"))
                    .singleElement().asString().contains("AUTH0_JWKS_REFETCH_SECONDS").contains("less than");
        }
    }

    @Test
    void severalMistakes_areReportedTogether_onePerLine() {
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> read(
                        "AUTH0_DOMAIN", "http://tenant.eu.auth0.com",
                        "AUTH0_ALGORITHMS", "RS256,HS256,none,XS1",
                        "AUTH0_CLOCK_SKEW_SECONDS", "9000",
                        "AUTH0_JWKS_MAX_BYTES", "lots"));

        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("AUTH0_DOMAIN"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("AUTH0_AUDIENCE is required"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("HMAC"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'none'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'XS1'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("AUTH0_CLOCK_SKEW_SECONDS is 9000"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("AUTH0_JWKS_MAX_BYTES 'lots'"));
        assertThat(e.getMessage().lines()).hasSize(1 + 7);
    }

    @Test
    void emptyEnvironment_namesWhatIsRequired() {
        assertThatThrownBy(() -> VerifierSettings.fromEnvironment(Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("AUTH0_DOMAIN")
                .hasMessageContaining("AUTH0_AUDIENCE");
    }

    @org.junit.jupiter.api.Test
    void userInfoInAnIssuerIsRefusedWithoutEchoingThePassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifierSettings.fromEnvironment(java.util.Map.of(
                        "AUTH0_ISSUER", "http://user:s3cret-pw@127.0.0.1:3001/", "AUTH0_AUDIENCE", "https://api")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("user info").hasMessageNotContaining("s3cret-pw");
    }
}
