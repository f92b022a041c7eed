package dev.labauth.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedKeySourceTest {
    private static final RSAKey A = TestKeys.rsa("A");

    private static JWKSet keys(KeySource.KeySnapshot snapshot) {
        assertThat(snapshot).isInstanceOf(KeySource.KeySnapshot.Available.class);
        return ((KeySource.KeySnapshot.Available) snapshot).keys();
    }

    /** Private halves and symmetric secrets never reach the verifier. */
    @Test
    void keepsPublicKeysOnly() {
        OctetSequenceKey secret = new OctetSequenceKey.Builder(new Base64URL("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ"))
                .keyID("hmac").build();
        FixedKeySource source = new FixedKeySource(new JWKSet(List.of(A, secret)));

        JWKSet set = keys(source.current(Instant.EPOCH));

        assertThat(set.getKeys()).hasSize(1);
        assertThat(set.getKeyByKeyId("A").isPrivate()).isFalse();
        assertThat(set.getKeyByKeyId("hmac")).isNull();
    }

    @Test
    void refresh_answersTheSameSet() {
        FixedKeySource source = new FixedKeySource(new JWKSet(A));
        JWKSet set = keys(source.current(Instant.EPOCH));

        assertThat(keys(source.refreshedSince(set, Instant.EPOCH))).isSameAs(set);
    }

    @Test
    void fromFile_readsAJwksDocument(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(A).toPublicJWKSet().toString());

        assertThat(keys(FixedKeySource.fromFile(file, 65_536).current(Instant.EPOCH)).getKeyByKeyId("A")).isNotNull();
    }

    @Test
    void fromFile_thatIsNoKeySet_isAnError_notAnEmptySet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, "{\"keys\":");

        assertThatThrownBy(() -> FixedKeySource.fromFile(file, 65_536)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a JSON Web Key Set");
    }

    /** Nimbus would read pairs as an object, and so the document as a set with whatever keys the pairs name. */
    @Test
    void fromFile_aKeySetWrittenAsPairs_isAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, "[[\"keys\",[]]]");

        assertThatThrownBy(() -> FixedKeySource.fromFile(file, 65_536)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a JSON Web Key Set").hasMessageContaining("not a JSON object");
    }
}
