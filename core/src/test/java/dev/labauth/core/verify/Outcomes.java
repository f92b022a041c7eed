package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.core.principal.Principal;

/** Assertions shared by the verifier tests: one outcome-table row each. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Asserts the token was rejected for exactly this reason, with a description that does not echo
     * the token nor any of its longer segments (a signature or payload is never logged).
     */
    static Verification.Rejected assertRejected(Verification v, Reason reason, String token) {
        assertThat(v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason()).as("reason for %s", r.description()).isEqualTo(reason);
        assertThat(r.description()).isNotBlank();
        if (token != null && !token.isBlank()) {
            assertThat(r.description()).doesNotContain(token);
            for (String segment : token.split("\\.")) {
                if (segment.length() >= 24) {
                    assertThat(r.description()).doesNotContain(segment);
                }
            }
        }
        return r;
    }

    static Principal assertVerified(Verification v) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) v).principal();
    }
}
