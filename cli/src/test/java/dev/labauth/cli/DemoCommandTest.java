package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void everyDemoRequestIsAnsweredAsExpected() {
        CliRun run = CliRun.of(Map.of(), "", "demo");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("All 14 requests answered as expected.")
                .doesNotContain("MISMATCH")
                .contains("insufficient_scope", "expired", "wrong_audience", "bad_signature", "alg_not_allowed", "opaque_token",
                        "wrong_scheme", "missing_token", "jwks_unavailable")
                .contains("JWKS fetched 1 time(s)");
    }
}
