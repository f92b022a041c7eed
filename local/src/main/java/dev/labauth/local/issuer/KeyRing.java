package dev.labauth.local.issuer;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The dev issuer's signing keys, kept as an Auth0 tenant keeps them: the <em>current</em> key signs,
 * the <em>next</em> key is already published so that verifiers know it before it signs anything,
 * and after a rotation the <em>previous</em> keys stay published (their tokens keep verifying)
 * until they are revoked. Thread-safe; every read sees one consistent state.
 */
public final class KeyRing {
    /** A snapshot of the ring, by {@code kid}. */
    public record State(String current, String next, List<String> previous, List<String> revoked) {
        public State {
            previous = List.copyOf(previous);
            revoked = List.copyOf(revoked);
        }
    }

    private final Supplier<DevSigningKey> newKey;
    private DevSigningKey current;
    private DevSigningKey next;
    private final List<DevSigningKey> previous = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();

    KeyRing(DevSigningKey current, DevSigningKey next, Supplier<DevSigningKey> newKey) {
        if (current.keyId().equals(next.keyId())) {
            throw new IllegalArgumentException("the current and the next key need different kids");
        }
        this.current = current;
        this.next = next;
        this.newKey = newKey;
    }

    /** A ring of two fresh development keys, made side by side (an RSA key takes a noticeable moment). */
    public static KeyRing generate() {
        CompletableFuture<DevSigningKey> next = CompletableFuture.supplyAsync(DevSigningKey::generate);
        DevSigningKey current = DevSigningKey.generate();
        return new KeyRing(current, next.join(), DevSigningKey::generate);
    }

    public synchronized DevSigningKey current() {
        return current;
    }

    public synchronized DevSigningKey next() {
        return next;
    }

    /** The next key starts signing, the current one becomes a previous key (still published), and a new next key is made. */
    public synchronized State rotate() {
        previous.add(0, current);
        current = next;
        next = newKey.get();
        return state();
    }

    /** Stops publishing every previous key: tokens they signed no longer verify. */
    public synchronized State revokePrevious() {
        previous.forEach(k -> revoked.add(k.keyId()));
        previous.clear();
        return state();
    }

    /**
     * Stops publishing one previous key. The current and the next key cannot be revoked (Auth0 does
     * not allow it either: rotate first).
     *
     * @return false when no previous key has that {@code kid}
     */
    public synchronized boolean revoke(String kid) {
        for (DevSigningKey key : previous) {
            if (key.keyId().equals(kid)) {
                previous.remove(key);
                revoked.add(kid);
                return true;
            }
        }
        return false;
    }

    public synchronized State state() {
        return new State(current.keyId(), next.keyId(), previous.stream().map(DevSigningKey::keyId).toList(), revoked);
    }

    /** The public keys as published in the JWKS: current, next, then the previous keys, newest first. */
    public synchronized JWKSet published() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current.publicJwk());
        keys.add(next.publicJwk());
        previous.forEach(k -> keys.add(k.publicJwk()));
        return new JWKSet(keys);
    }

    /** A published key by {@code kid}: what a token of this issuer may be verified with. */
    public synchronized Optional<DevSigningKey> publishedKey(String kid) {
        if (current.keyId().equals(kid)) {
            return Optional.of(current);
        }
        if (next.keyId().equals(kid)) {
            return Optional.of(next);
        }
        return previous.stream().filter(k -> k.keyId().equals(kid)).findFirst();
    }
}
