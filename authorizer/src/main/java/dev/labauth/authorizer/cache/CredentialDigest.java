package dev.labauth.authorizer.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of one request's whole {@code Authorization} value (scheme and token), held as four
 * longs. It is taken once per request and used twice: as the verified-token cache's key, so that the
 * cache never holds a token and a value that differs in any byte (a tampered payload, another
 * signature, another scheme spelling) cannot reach another value's entry; and, by its first 8 bytes,
 * as the decision log's {@code credentialSha256}.
 */
public record CredentialDigest(long a, long b, long c, long d) {
    /** MessageDigest instances are not thread-safe; the local gateway decides on several threads. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CredentialDigest::newSha256);

    public static CredentialDigest of(String authorizationValue) {
        ByteBuffer digest = ByteBuffer.wrap(SHA256.get().digest(authorizationValue.getBytes(StandardCharsets.UTF_8)));
        return new CredentialDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** The first 16 hex digits: enough to match the log lines of one credential, useless to replay it. */
    public String fingerprint() {
        return HexFormat.of().toHexDigits(a);
    }

    /** Only the fingerprint: a digest printed by mistake must not carry more than the log does. */
    @Override
    public String toString() {
        return "CredentialDigest[" + fingerprint() + "…]";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
