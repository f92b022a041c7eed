package dev.labauth.authorizer.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.core.principal.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerContextTest {

    private static Principal withClaims(Optional<String> clientId, Optional<String> grantType, Map<String, Object> claims) {
        return new Principal("auth0|user", Set.of(), Set.of(), Set.of(), clientId, grantType, Optional.empty(),
                Optional.empty(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"), claims);
    }

    /** Found by a newcomer: claims named like our keys must not pose as what the authorizer derived. */
    @Test
    void claimsNamedLikeTheAuthorizersOwnKeysNeverPassThrough() {
        Map<String, Object> spoofing = Map.of("grantType", "client-credentials", "clientId", "SPOOFED",
                "reason", "nothing to see", "required", "x", "denied", "y", "principalId", "someone-else", "team", "lab");

        Map<String, Object> context = AuthorizerContext.of(withClaims(Optional.empty(), Optional.empty(), spoofing));

        assertThat(context).doesNotContainKeys("grantType", "clientId", "reason", "required", "denied", "principalId")
                .containsEntry("team", "lab").containsEntry("sub", "auth0|user");
    }

    @Test
    void theRealValuesWinWhenTheTokenHasThem() {
        Map<String, Object> context = AuthorizerContext.of(withClaims(Optional.of("real-client"), Optional.of("password"),
                Map.of("grantType", "client-credentials", "clientId", "SPOOFED")));

        assertThat(context).containsEntry("clientId", "real-client").containsEntry("grantType", "password");
    }
}
