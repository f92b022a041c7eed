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

    /** A repeated caller's context is remembered; what one answer adds to it never reaches the next. */
    @Test
    void aRememberedContextIsHandedOutAsAFreshCopy() {
        Principal caller = withClaims(Optional.empty(), Optional.empty(), Map.of("team", "lab"));

        Map<String, Object> first = AuthorizerContext.of(caller);
        first.put("reason", "insufficient_scope");
        first.put("team", "overwritten");

        assertThat(AuthorizerContext.of(caller)).doesNotContainKey("reason").containsEntry("team", "lab");
    }

    /** Remembered by identity: an equal-looking or different caller never gets another's context. */
    @Test
    void anotherCallerGetsItsOwnContext() {
        Principal a = withClaims(Optional.of("client-a"), Optional.empty(), Map.of("team", "a"));
        Principal b = new Principal("auth0|other", Set.of("read:x"), Set.of(), Set.of(), Optional.of("client-b"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"),
                Map.of("team", "b"));

        assertThat(AuthorizerContext.of(a)).containsEntry("clientId", "client-a").containsEntry("team", "a");
        assertThat(AuthorizerContext.of(b)).containsEntry("clientId", "client-b").containsEntry("team", "b")
                .containsEntry("sub", "auth0|other").containsEntry("scope", "read:x");
        assertThat(AuthorizerContext.of(a)).containsEntry("sub", "auth0|user").containsEntry("team", "a");
    }
}
