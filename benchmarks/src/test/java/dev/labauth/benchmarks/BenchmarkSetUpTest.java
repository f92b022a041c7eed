package dev.labauth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' own set-up checks, run in every build (a second or two, no JMH): a change to the
 * access rules, the handlers or the events that would make a benchmarked decision anything but an
 * Allow fails here, not at measuring time.
 */
class BenchmarkSetUpTest {

    @Test
    void everyBenchmarkedHandlerAllowsTheTokenOnItsRoute() throws Exception {
        DecisionBenchmark benchmark = new DecisionBenchmark();
        benchmark.setUp(); // throws unless all six handler calls are Allows
        try {
            assertThat(benchmark.floor()).isTrue();
            IamPolicyResponse response = benchmark.warmHttp();
            assertThat(response.getPrincipalId()).isEqualTo(Auth0Token.SUBJECT);
            assertThat(benchmark.lastLogLine).contains("\"Outcome\":\"allow\"", "\"rule\":\"GET /experiments\"");
            assertThat(benchmark.runtimeWritesResponse()).isPositive();
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void cryptoBenchmarkVerifiesBothAlgorithmsWithTheJdk() throws Exception {
        CryptoProviderBenchmark benchmark = new CryptoProviderBenchmark();
        benchmark.provider = "jdk";
        benchmark.setUp(); // throws unless floors and verifications succeed with the JDK's providers
        assertThat(benchmark.rs256Floor()).isTrue();
        assertThat(benchmark.es256Floor()).isTrue();
    }

    @Test
    void accpLoadsOnThisPlatform() {
        // Not installed here (that would change the providers of every later test in this JVM): only loaded.
        assertThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).isNull();
    }

    @Test
    void eventsAskForTheRouteOnTheStage() {
        assertThat(SampleEvents.arnFor("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/", "GET", "/experiments"))
                .isEqualTo("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/experiments");
        assertThat(SampleEvents.httpApi("GET", "/experiments", "Bearer x"))
                .contains("\"routeKey\":\"GET /experiments\"", "\"authorization\":\"Bearer x\"");
    }
}
