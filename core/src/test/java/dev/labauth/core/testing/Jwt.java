package dev.labauth.core.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS tokens byte by byte: header and claims are plain JSON maps and the signature is
 * computed with the JDK over exactly the signing input, so a test can put any header (an unknown
 * {@code alg}, {@code crit}, a wrong {@code typ}) on a correctly signed token.
 */
public final class Jwt {
    /** The tenant of the field cases. */
    public static final String TENANT = "tenant.eu.auth0.com";
    public static final String ISSUER = "https://" + TENANT + "/";
    public static final String USERINFO = ISSUER + "userinfo";
    public static final String API = "https://api.example.com";
    public static final String API_STAGING = "https://api-staging.example.com";
    public static final String ROLES_CLAIM = "https://labauth.dev/roles";
    /** The fixed "now" of the tests. */
    public static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Jwt() {
    }

    /** An empty header and claims set. */
    public static Jwt blank() {
        return new Jwt();
    }

    /**
     * A user access token as Auth0 issues it for an API with RBAC on and a roles Action: issued a minute
     * before {@link #NOW}, valid for an hour, audience the API plus the userinfo endpoint.
     */
    public static Jwt auth0User(String kid) {
        Jwt t = new Jwt();
        t.header("alg", "RS256").header("typ", "JWT").header("kid", kid);
        t.claim("iss", ISSUER)
                .claim("sub", "auth0|65f1c0ffee")
                .claim("aud", List.of(API, USERINFO))
                .claim("iat", NOW.getEpochSecond() - 60)
                .claim("exp", NOW.getEpochSecond() + 3600)
                .claim("scope", "openid profile email read:experiments")
                .claim("azp", "spaClient123")
                .claim("org_id", "org_lab42")
                .claim("email", "ada@example.com")
                .claim("jti", "jti-7f3a")
                .claim("permissions", List.of("read:experiments", "create:experiments"))
                .claim(ROLES_CLAIM, List.of("scientist", "reviewer"));
        return t;
    }

    /** A machine-to-machine (client-credentials) token: {@code sub} ends in {@code @clients}, {@code gty} set. */
    public static Jwt auth0Machine(String kid) {
        Jwt t = new Jwt();
        t.header("alg", "RS256").header("typ", "JWT").header("kid", kid);
        t.claim("iss", ISSUER)
                .claim("sub", "m2mClient456@clients")
                .claim("aud", API)
                .claim("iat", NOW.getEpochSecond() - 60)
                .claim("exp", NOW.getEpochSecond() + 86_400)
                .claim("scope", "read:experiments")
                .claim("azp", "m2mClient456")
                .claim("gty", "client-credentials")
                .claim("permissions", List.of("read:experiments"));
        return t;
    }

    /** Sets a header parameter; {@code null} removes it. */
    public Jwt header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    /** Sets a claim; {@code null} removes it. */
    public Jwt claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public Jwt expiresAt(Instant exp) {
        return claim("exp", exp.getEpochSecond());
    }

    public String headerJson() {
        return JSONObjectUtils.toJSONString(header);
    }

    public String claimsJson() {
        return JSONObjectUtils.toJSONString(claims);
    }

    public String signingInput() {
        return b64(headerJson()) + "." + b64(claimsJson());
    }

    /** RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over the signing input, whatever the header says. */
    public String signedRs256(RSAKey key) {
        return withSignature(jdkSign("SHA256withRSA", privateKey(key), signingInput()));
    }

    /** ES256 in the JWS form (r ‖ s, 64 bytes), whatever the header says. */
    public String signedEs256(ECKey key) {
        return withSignature(jdkSign("SHA256withECDSAinP1363Format", privateKey(key), signingInput()));
    }

    /** HMAC-SHA256 keyed with the given bytes. */
    public String signedHs256(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return withSignature(Base64URL.encode(mac.doFinal(signingInput().getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC with any JCA MAC ({@code HmacSHA256}, {@code HmacSHA384}, {@code HmacSHA512}) keyed with the given bytes. */
    public String signedHmac(String jcaAlgorithm, byte[] secret) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret, jcaAlgorithm));
            return withSignature(Base64URL.encode(mac.doFinal(signingInput().getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RSASSA-PSS with SHA-256 (what PS256 means), whatever the header says. */
    public String signedPs256(RSAKey key) {
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            s.initSign(privateKey(key));
            s.update(signingInput().getBytes(StandardCharsets.US_ASCII));
            return withSignature(Base64URL.encode(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token over header and payload segments given as they are (any encoding), RS256-signed by {@code key}. */
    public static String rawRs256(String headerSegment, String payloadSegment, RSAKey key) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + jdkSign("SHA256withRSA", privateKey(key), input);
    }

    /** The signing input followed by this signature segment, as given (may be empty). */
    public String withSignatureSegment(String segment) {
        return signingInput() + "." + segment;
    }

    private String withSignature(Base64URL signature) {
        return signingInput() + "." + signature;
    }

    public static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Base64URL jdkSign(String algorithm, PrivateKey key, String signingInput) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(RSAKey key) {
        try {
            return key.toPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(ECKey key) {
        try {
            return key.toPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The segments of a compact token. */
    public static String[] segments(String token) {
        return token.split("\\.", -1);
    }
}
