package dev.labauth.core.verify;

/**
 * The three segments of a compact JWS, held to RFC 7515 §2: base64url without padding, and in the one
 * canonical spelling of its bytes. Any other spelling (padding, the {@code +}/{@code /} alphabet, stray
 * bits in the last character) decodes to the same bytes, so a decoder that tolerates it accepts many
 * strings for one signed token: a forger's playground and a cache-key splitter. Only the canonical form
 * is accepted.
 */
final class CompactSegments {
    private CompactSegments() {
    }

    /** Null when every segment is canonical base64url; otherwise which one is not, for the description. */
    static String firstNonCanonical(String token) {
        int start = 0;
        String[] names = {"header", "payload", "signature"};
        for (int i = 0; i < 3; i++) {
            int end = i < 2 ? token.indexOf('.', start) : token.length();
            if (!isCanonical(token, start, end)) {
                return names[i];
            }
            start = end + 1;
        }
        return null;
    }

    static boolean isCanonical(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false; // six bits left over: not a whole byte
        }
        int last = -1;
        for (int i = from; i < to; i++) {
            last = value(s.charAt(i));
            if (last < 0) {
                return false;
            }
        }
        // Two (or three) trailing characters carry 4 (or 2) bits that belong to no byte: they must be zero.
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }
}
