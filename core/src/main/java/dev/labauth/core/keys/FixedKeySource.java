package dev.labauth.core.keys;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.core.io.BoundedRead;
import dev.labauth.core.json.JsonObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Objects;

/** A key set known in advance: a saved JWKS file (offline {@code verify}) or keys held in memory. */
public final class FixedKeySource implements KeySource {
    private final KeySnapshot.Available snapshot;

    public FixedKeySource(JWKSet keys) {
        this.snapshot = new KeySnapshot.Available(Objects.requireNonNull(keys, "keys").toPublicJWKSet());
    }

    /** Reads a JWKS document of at most {@code maxBytes}; a file that is not one is an error, not an empty key set. */
    public static FixedKeySource fromFile(Path file, int maxBytes) throws IOException {
        try {
            return new FixedKeySource(JWKSet.parse(JsonObjects.parse(BoundedRead.file(file, maxBytes, "JWKS file"))));
        } catch (ParseException e) {
            throw new IOException(file + " is not a JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    @Override
    public KeySnapshot current(Instant now) {
        return snapshot;
    }

    @Override
    public KeySnapshot refreshedSince(JWKSet seen, Instant now) {
        return snapshot;
    }
}
