package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.authorizer.testing.Forge;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.authorizer.testing.TestTenant;
import dev.labauth.local.issuer.AccessTokenClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key set is fetched once per container and serves every handler and every token; tokens
 * refused before any key is needed cause no fetch; unknown {@code kid}s cause at most the
 * rate-limited refetches. Fetches are counted by the dev issuer, which serves the JWKS over HTTP.
 */
class JwksCachingTest {
    private TestTenant tenant;

    @BeforeEach
    void start() {
        tenant = TestTenant.start();
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    @Test
    void oneFetchServesManyTokensAcrossAllHandlers() {
        Harness harness = tenant.remoteHarness();
        assertThat(tenant.issuer().jwksRequests()).as("no fetch before the first request").isZero();

        harness.run(Handler.TOKEN, "Bearer " + tenant.validToken()).assertAllowed();
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            for (Handler handler : Handler.values()) {
                String token = tenant.sign(tenant.user(Instant.now()).claim("sub", "auth0|user-" + i + "-" + handler));
                harness.run(handler, "Bearer " + token).assertAllowed();
            }
        }
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);
    }

    @Test
    void tokensRefusedBeforeAnyKeyIsNeededCauseNoFetch() {
        Harness harness = tenant.remoteHarness();
        harness.run(Handler.TOKEN, "Bearer not-a-jwt").assertUnauthorized("malformed");
        harness.run(Handler.REQUEST, "Bearer " + Forge.algNone(tenant.user(Instant.now()).toMap()))
                .assertUnauthorized("alg_not_allowed");
        harness.run(Handler.HTTP, "Bearer " + tenant.sign(tenant.user(Instant.now()).claim("iss", "https://evil.example/")))
                .assertUnauthorized("wrong_issuer");
        harness.run(Handler.HTTP_SIMPLE, "Bearer " + Forge.opaque()).assertUnauthorized("opaque_token");
        assertThat(tenant.issuer().jwksRequests()).isZero();
    }

    /** C-09/C-10, lightly: random kids cannot make the authorizer hammer the issuer or lock users out. */
    @Test
    void unknownKidsCauseBoundedRefetchesAndValidTokensStillPass() {
        Instant now = Instant.parse("2025-01-20T08:00:00Z");
        Harness harness = tenant.harnessAt(Clock.fixed(now, ZoneOffset.UTC));
        AccessTokenClaims claims = tenant.user(now.minusSeconds(10));

        harness.run(Handler.TOKEN, "Bearer " + tenant.sign(claims)).assertAllowed();
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(1);

        for (int i = 0; i < 20; i++) {
            String forged = Forge.rs256(Forge.attackerKey(), "kid-" + UUID.randomUUID(), claims.toMap());
            harness.run(Handler.values()[i % Handler.values().length], "Bearer " + forged).assertUnauthorized("unknown_key");
        }
        // One refetch for a kid never seen is allowed; within the same refetch interval, no more.
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(2);

        harness.run(Handler.HTTP, "Bearer " + tenant.sign(tenant.user(now.minusSeconds(5)))).assertAllowed();
        assertThat(tenant.issuer().jwksRequests()).isEqualTo(2);
    }
}
