package dev.labauth.local.issuer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dev issuer knows: the API (its identifier is the audience) and the machine clients
 * allowed to ask for tokens to it, with the scopes each was granted.
 */
public record DevTenant(String audience, Map<String, Client> clients) {

    public record Client(String clientId, String clientSecret, List<String> grantedScopes) {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            grantedScopes = List.copyOf(grantedScopes);
        }
    }

    public static final String DEFAULT_AUDIENCE = "https://api.lab.local";

    public DevTenant {
        Objects.requireNonNull(audience, "audience");
        clients = Map.copyOf(clients);
    }

    /** The built-in tenant: one API and one M2M client, {@code lab-worker}, granted {@code read:experiments}. */
    public static DevTenant builtIn() {
        Client worker = new Client("lab-worker", "lab-worker-dev-secret", List.of("read:experiments"));
        return new DevTenant(DEFAULT_AUDIENCE, Map.of(worker.clientId(), worker));
    }

    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(clientId).map(clients::get);
    }
}
