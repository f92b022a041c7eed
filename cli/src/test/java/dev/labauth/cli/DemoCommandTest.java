package dev.labauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void everyDemoRequestIsAnsweredAsExpected() {
        CliRun run = CliRun.of(Map.of(), "", "demo");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Every request was answered as expected.")
                .doesNotContain("MISMATCH")
                // Over HTTP through the local stack: the function's and the rules' 403s, the gateway's 401s.
                .contains("not_owner", "insufficient_scope", "invalid_token", "Missing Authentication Token")
                // Each handler on AWS's events: a reason code for every refusal.
                .contains("expired", "wrong_audience", "bad_signature", "alg_not_allowed", "opaque_token",
                        "wrong_scheme", "missing_token", "jwks_unavailable")
                .contains("One decision as the authorizer logs it");
    }
}
