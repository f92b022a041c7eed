package dev.labauth.authorizer.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Tokens an attacker or a misconfigured client would send. */
public final class Forge {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile RSAKey attackerKey;

    private Forge() {
    }

    /** One RSA key pair not published by any issuer, made once per test run. */
    public static RSAKey attackerKey() {
        RSAKey key = attackerKey;
        if (key == null) {
            synchronized (Forge.class) {
                key = attackerKey;
                if (key == null) {
                    try {
                        key = new RSAKeyGenerator(2048).generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException(e);
                    }
                    attackerKey = key;
                }
            }
        }
        return key;
    }

    /** RS256 with any key under any {@code kid}. */
    public static String rs256(RSAKey signingKey, String kid, Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                signingKey, claims);
    }

    public static String sign(JWSHeader header, RSAKey signingKey, Map<String, Object> claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claimsSet(claims));
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, empty signature. */
    public static String algNone(Map<String, Object> claims) {
        return segment(Map.of("alg", "none", "typ", "JWT")) + "." + segment(claims) + ".";
    }

    /** HS256 whose HMAC key is the PEM text of the issuer's RSA public key (the classic key-confusion attack). */
    public static String hs256KeyedWithPublicPem(RSAKey publicKey, Map<String, Object> claims) {
        try {
            byte[] pem = pem(publicKey).getBytes(StandardCharsets.US_ASCII);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(publicKey.getKeyID()).build(), claimsSet(claims));
            jwt.sign(new MACSigner(pem));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ES256 header, signature r = s = 0 in ASN.1 ({@code MAYCAQACAQA}), as in CVE-2022-21449. */
    public static String es256ZeroSignature(String kid, Map<String, Object> claims) {
        return segment(Map.of("alg", "ES256", "typ", "JWT", "kid", kid)) + "." + segment(claims) + ".MAYCAQACAQA";
    }

    /** The token's payload replaced, its header and signature kept. */
    public static String tamperedPayload(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + segment(claims) + "." + parts[2];
    }

    /** A five-segment JWE as Auth0 issues without an audience: {@code alg: dir}, {@code enc: A256GCM}. */
    public static String jweWithoutAudience() {
        return segment(Map.of("alg", "dir", "enc", "A256GCM", "iss", "https://tenant.eu.auth0.com/"))
                + ".." + Base64URL.encode(random(12)) + "." + Base64URL.encode(random(96)) + "."
                + Base64URL.encode(random(16));
    }

    /** A 32-character opaque access token, as Auth0 issues for /userinfo. */
    public static String opaque() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    public static String pem(RSAKey publicKey) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(publicKey.toRSAPublicKey().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claimsSet(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static String segment(Map<String, Object> json) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
