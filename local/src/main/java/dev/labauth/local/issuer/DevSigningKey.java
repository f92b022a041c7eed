package dev.labauth.local.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;

/**
 * An RSA key pair made at start-up for the dev issuer, never saved. Its {@code kid} is 21 characters
 * like Auth0's, and starts with {@value #KID_PREFIX} so that a development key is recognisable in
 * any log or JWKS it turns up in.
 */
public final class DevSigningKey {
    public static final String KID_PREFIX = "labauth-dev-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RSAKey key;

    private DevSigningKey(RSAKey key) {
        this.key = key;
    }

    public static DevSigningKey generate() {
        return withKeyId(newKeyId());
    }

    /** A fresh key pair under a chosen {@code kid}: how tests and the demo forge a token. */
    public static DevSigningKey withKeyId(String kid) {
        try {
            return new DevSigningKey(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(kid)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    static String newKeyId() {
        StringBuilder kid = new StringBuilder(KID_PREFIX);
        while (kid.length() < 21) {
            kid.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return kid.toString();
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The private key: only the minter uses it. */
    RSAKey privateKey() {
        return key;
    }

    /** The public half, as published in the JWKS. */
    public RSAKey publicJwk() {
        return key.toPublicJWK();
    }
}
