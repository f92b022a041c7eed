package dev.labauth.core.rules;

import dev.labauth.core.principal.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Principals for rule tests, built directly: the rules see only what verification produced. */
final class Callers {
    private Callers() {
    }

    static Principal user(Set<String> scopes, Set<String> permissions, Set<String> roles) {
        return new Principal("auth0|user", scopes, permissions, roles, Optional.of("spa"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"), Map.of("sub", "auth0|user"));
    }

    static Principal machine(Set<String> scopes) {
        return new Principal("worker@clients", scopes, Set.of(), Set.of(), Optional.of("worker"),
                Optional.of(Principal.MACHINE_GRANT), Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.parse("2030-01-01T00:00:00Z"), Map.of("sub", "worker@clients"));
    }
}
