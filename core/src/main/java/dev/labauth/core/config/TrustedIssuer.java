package dev.labauth.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * One issuer whose tokens are accepted, and where its signing keys are published.
 *
 * @param issuer      the issuer as configured, normalised
 * @param acceptedIss the exact {@code iss} values that name this issuer (Auth0 writes a trailing
 *                    slash; an issuer configured without a path accepts both forms)
 * @param jwksUri     the issuer's JSON Web Key Set
 */
public record TrustedIssuer(String issuer, Set<String> acceptedIss, URI jwksUri) {
    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        acceptedIss = Set.copyOf(acceptedIss);
        Objects.requireNonNull(jwksUri, "jwksUri");
    }

    public boolean names(String iss) {
        return acceptedIss.contains(iss);
    }
}
