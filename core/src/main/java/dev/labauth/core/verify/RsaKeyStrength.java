package dev.labauth.core.verify;

import java.math.BigInteger;
import java.util.BitSet;

/**
 * Whether an RSA public key is fit to verify anything. A key set is published by the issuer, but a key
 * in it that anyone could forge signatures for must not be used: a modulus under 2048 bits, an even
 * modulus, a public exponent of 1 or an even one (with e = 1 the "signature" is the padded hash itself),
 * or a modulus with the ROCA fingerprint (CVE-2017-15361: primes made by a flawed generator, factorable).
 */
final class RsaKeyStrength {
    static final int MIN_BITS = 2048;
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final int GENERATOR = 65537;
    /**
     * The small primes every ROCA modulus is built around. A ROCA prime is k·M + (65537^a mod M) where
     * M is a primorial; for each prime r dividing M, both primes, and so the modulus, are powers of
     * 65537 modulo r. Every key size's M contains the primes up to 167.
     */
    private static final int[] FINGERPRINT_PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
            61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};
    /** For each prime r above, the residues modulo r that are powers of 65537. */
    private static final BitSet[] POWERS_OF_GENERATOR = powersOfGenerator();

    private RsaKeyStrength() {
    }

    static boolean fitToVerify(BigInteger modulus, BigInteger exponent) {
        return modulus.bitLength() >= MIN_BITS
                && modulus.testBit(0)
                && exponent.testBit(0)
                && exponent.compareTo(THREE) >= 0
                && exponent.compareTo(modulus) < 0
                && !hasRocaFingerprint(modulus);
    }

    /** True when the modulus is a power of 65537 modulo every fingerprint prime, as ROCA moduli are. */
    static boolean hasRocaFingerprint(BigInteger modulus) {
        for (int i = 0; i < FINGERPRINT_PRIMES.length; i++) {
            int residue = modulus.mod(BigInteger.valueOf(FINGERPRINT_PRIMES[i])).intValue();
            if (!POWERS_OF_GENERATOR[i].get(residue)) {
                return false;
            }
        }
        return true;
    }

    private static BitSet[] powersOfGenerator() {
        BitSet[] out = new BitSet[FINGERPRINT_PRIMES.length];
        for (int i = 0; i < FINGERPRINT_PRIMES.length; i++) {
            int r = FINGERPRINT_PRIMES[i];
            BitSet powers = new BitSet(r);
            int g = GENERATOR % r;
            int x = 1;
            do {
                powers.set(x);
                x = x * g % r;
            } while (x != 1);
            out[i] = powers;
        }
        return out;
    }
}
