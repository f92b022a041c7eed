package dev.labauth.core.verify;

import com.nimbusds.jose.JWSAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * RSASSA-PKCS1-v1_5 verification as RFC 8017 §8.2.2 defines it: open the signature with the public
 * key, build the one encoded message the hash admits (§9.2), compare. The JDK's {@code SHAnnnwithRSA}
 * also accepts a DigestInfo whose algorithm lacks the NULL parameter (Wycheproof "MissingNull"), so RS*
 * signatures are checked here instead, with one RSA operation: checking the JDK's answer and then the
 * encoding would pay for the RSA operation twice. The operation itself is the JCA's
 * ({@code RSA/ECB/NoPadding}), so a faster provider speeds it up as it does {@code Signature}.
 */
final class Pkcs1Encoding {
    /** The DER DigestInfo prefixes of RFC 8017 §9.2, note 1: algorithm identifier with NULL, then the hash. */
    private static final Map<String, byte[]> DIGEST_INFO = Map.of(
            "RS256", HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
            "RS384", HexFormat.of().parseHex("3041300d060960864801650304020205000430"),
            "RS512", HexFormat.of().parseHex("3051300d060960864801650304020305000440"));
    private static final Map<String, String> DIGEST = Map.of("RS256", "SHA-256", "RS384", "SHA-384", "RS512", "SHA-512");
    /**
     * One per thread and reused, re-initialised with each key: looking a transformation up costs as much
     * as the rest of the token's checks (the JCA matches it against each provider's services by regex).
     * Taken on first use, so a provider installed at start-up (ACCP) is the one used.
     */
    private static final ThreadLocal<Cipher> RAW_RSA = ThreadLocal.withInitial(Pkcs1Encoding::rawRsa);

    private Pkcs1Encoding() {
    }

    static boolean isRsaPkcs1(JWSAlgorithm alg) {
        return DIGEST_INFO.containsKey(alg.getName());
    }

    /**
     * True when {@code signature} is the RSASSA-PKCS1-v1_5 signature of {@code signingInput} under
     * {@code key} for this RS* algorithm; false for anything else, including a non-RS* algorithm.
     */
    static boolean verifies(JWSAlgorithm alg, byte[] signingInput, byte[] signature, RSAPublicKey key)
            throws GeneralSecurityException {
        byte[] prefix = DIGEST_INFO.get(alg.getName());
        if (prefix == null) {
            return false;
        }
        byte[] hash = MessageDigest.getInstance(DIGEST.get(alg.getName())).digest(signingInput);
        int k = (key.getModulus().bitLength() + 7) / 8;
        if (signature.length != k || k < prefix.length + hash.length + 11) {
            return false;
        }
        Cipher rsa = RAW_RSA.get();
        rsa.init(Cipher.DECRYPT_MODE, key); // with a public key: s^e mod n, the signature opened
        byte[] opened = rsa.doFinal(signature); // refuses s >= n (RFC 8017 §5.2.2 step 1)
        return MessageDigest.isEqual(leftPadded(opened, k), encoded(prefix, hash, k));
    }

    private static Cipher rawRsa() {
        try {
            return Cipher.getInstance("RSA/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides RSA/ECB/NoPadding", e);
        }
    }

    /** EM = 0x00 0x01 PS 0x00 T, PS all 0xFF, T = DigestInfo prefix ‖ hash (RFC 8017 §9.2 step 5). */
    private static byte[] encoded(byte[] prefix, byte[] hash, int k) {
        byte[] em = new byte[k];
        int t = prefix.length + hash.length;
        em[1] = 0x01;
        for (int i = 2; i < k - t - 1; i++) {
            em[i] = (byte) 0xFF;
        }
        System.arraycopy(prefix, 0, em, k - t, prefix.length);
        System.arraycopy(hash, 0, em, k - hash.length, hash.length);
        return em;
    }

    /** A provider may drop leading zero bytes of the opened value; the comparison is over k bytes. */
    private static byte[] leftPadded(byte[] value, int k) {
        if (value.length == k) {
            return value;
        }
        byte[] out = new byte[k];
        if (value.length > k) {
            return out; // cannot be a k-byte encoding: compares unequal (EM starts 0x00 0x01)
        }
        System.arraycopy(value, 0, out, k - value.length, value.length);
        return out;
    }
}
