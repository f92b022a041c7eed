package dev.labauth.authorizer.decision;

import dev.labauth.authorizer.cache.CredentialDigest;
import java.util.Optional;

/**
 * One request's {@code Authorization} value together with its {@link CredentialDigest}, taken once
 * when the value is read. The verified-token cache's key and the decision log's credential hash then
 * come from the same digest of the same bytes, and neither is computed twice on the hot path.
 */
public final class AuthorizationValue {
    private static final AuthorizationValue ABSENT = new AuthorizationValue(null, null);

    private final String value;
    private final CredentialDigest digest;

    private AuthorizationValue(String value, CredentialDigest digest) {
        this.value = value;
        this.digest = digest;
    }

    /** {@code value} as the event carried it; null when the request had none. */
    public static AuthorizationValue of(String value) {
        if (value == null || value.isEmpty()) {
            // Nothing to name in the log and nothing worth remembering: an empty value never verifies.
            return value == null ? ABSENT : new AuthorizationValue(value, null);
        }
        return new AuthorizationValue(value, CredentialDigest.of(value));
    }

    /** The raw value (it holds the token: never log it), or null. */
    public String value() {
        return value;
    }

    /** The digest of a non-empty value. */
    public Optional<CredentialDigest> digest() {
        return Optional.ofNullable(digest);
    }

    @Override
    public String toString() {
        return digest == null ? "AuthorizationValue[none]" : "AuthorizationValue[sha256 " + digest.fingerprint() + "…]";
    }
}
