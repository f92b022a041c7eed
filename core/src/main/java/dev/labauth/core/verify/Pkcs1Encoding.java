package dev.labauth.core.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Map;

/**
 * RSASSA-PKCS1-v1_5 admits exactly one encoded message per hash (RFC 8017 §8.2.2 step 3 and §9.2): the
 * verifier builds it and compares. The JDK's verifier also accepts a DigestInfo whose algorithm lacks the
 * NULL parameter, a legacy form (Wycheproof "MissingNull", an {@code acceptable} vector); RS* signatures
 * are therefore also held to the one encoding. Other algorithms pass through unchanged.
 */
final class Pkcs1Encoding {
    /** The DER DigestInfo prefixes of RFC 8017 §9.2, note 1: algorithm identifier with NULL, then the hash. */
    private static final Map<String, String> DIGEST_INFO = Map.of(
            "RS256", "3031300d060960864801650304020105000420",
            "RS384", "3041300d060960864801650304020205000430",
            "RS512", "3051300d060960864801650304020305000440");
    private static final Map<String, String> DIGEST = Map.of("RS256", "SHA-256", "RS384", "SHA-384", "RS512", "SHA-512");

    private Pkcs1Encoding() {
    }

    /** True unless {@code alg} is RS* and the signature opens to anything but the one encoding of the hash. */
    static boolean isTheOneEncoding(JWSAlgorithm alg, byte[] signingInput, Base64URL signature, PublicKey key)
            throws NoSuchAlgorithmException {
        String prefix = DIGEST_INFO.get(alg.getName());
        if (prefix == null) {
            return true;
        }
        if (!(key instanceof RSAPublicKey rsa)) {
            return false;
        }
        BigInteger n = rsa.getModulus();
        int k = (n.bitLength() + 7) / 8;
        byte[] sig = signature.decode();
        BigInteger s = new BigInteger(1, sig);
        if (sig.length != k || s.compareTo(n) >= 0) {
            return false;
        }
        byte[] em = toBytes(s.modPow(rsa.getPublicExponent(), n), k);
        byte[] hash = MessageDigest.getInstance(DIGEST.get(alg.getName())).digest(signingInput);
        byte[] t = concat(HexFormat.of().parseHex(prefix), hash);
        if (k < t.length + 11) {
            return false;
        }
        byte[] expected = new byte[k];
        expected[1] = 0x01;
        for (int i = 2; i < k - t.length - 1; i++) {
            expected[i] = (byte) 0xFF;
        }
        System.arraycopy(t, 0, expected, k - t.length, t.length);
        return MessageDigest.isEqual(em, expected);
    }

    private static byte[] toBytes(BigInteger m, int k) {
        byte[] raw = m.toByteArray();
        byte[] out = new byte[k];
        int copy = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - copy, out, k - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
