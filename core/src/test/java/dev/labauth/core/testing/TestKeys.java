package dev.labauth.core.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pairs for signing test tokens, generated once per JVM and shared by name, so that a whole
 * test run pays for each 2048-bit RSA key only once.
 */
public final class TestKeys {
    private static final Map<String, RSAKey> RSA = new ConcurrentHashMap<>();
    private static final Map<String, ECKey> EC = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** A 2048-bit RSA key pair (private parts included) with this {@code kid}. */
    public static RSAKey rsa(String kid) {
        return RSA.computeIfAbsent(kid, k -> {
            try {
                return new RSAKeyGenerator(2048).keyID(k).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** An RSA key pair of any size, built by hand: Nimbus's generator refuses keys under 2048 bits. */
    public static RSAKey rsaOfSize(String kid, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            var pair = g.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid)
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key pair with this {@code kid}. */
    public static ECKey ec(String kid) {
        return ecOn(kid, Curve.P_256);
    }

    public static ECKey ecOn(String kid, Curve curve) {
        return EC.computeIfAbsent(kid + "@" + curve.getName(), k -> {
            try {
                return new ECKeyGenerator(curve).keyID(kid).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
