package dev.labauth.core.bearer;

import dev.labauth.core.verify.Reason;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The token inside one {@code Authorization} header value (RFC 6750 §2.1). The scheme is
 * case-insensitive and may be followed by any run of spaces; anything that could smuggle a second
 * credential (a comma, inner whitespace) is refused rather than guessed at.
 */
public sealed interface BearerCredential {

    record Token(String value) implements BearerCredential {
        @Override
        public String toString() {
            return "Token[redacted]";
        }
    }

    record Refused(Reason reason, String description) implements BearerCredential {
    }

    /** What an HTTP authentication scheme name looks like, short enough to log. */
    Pattern SCHEME_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,19}");

    /** RFC 6750 b64token, {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}: the only form a bearer token may have. */
    Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    static BearerCredential parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return new Refused(Reason.MISSING_TOKEN, "no Authorization header");
        }
        String value = headerValue.strip();
        int space = indexOfWhitespace(value);
        if (space < 0) {
            if (value.equalsIgnoreCase("bearer")) { // "Bearer " arrives stripped of its trailing space
                return new Refused(Reason.MISSING_TOKEN, "Bearer scheme with no token");
            }
            return new Refused(Reason.WRONG_SCHEME, "Authorization header has no scheme; send 'Bearer <token>'");
        }
        String scheme = value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            // Name the scheme only when it looks like one: the first word may be a token sent without a scheme.
            String shown = SCHEME_NAME.matcher(scheme).matches() ? "'" + scheme + "'" : "(not a scheme name)";
            return new Refused(Reason.WRONG_SCHEME, "Authorization scheme " + shown + " is not Bearer");
        }
        String token = value.substring(space).strip();
        if (token.isEmpty()) {
            return new Refused(Reason.MISSING_TOKEN, "Bearer scheme with no token");
        }
        if (!isB64Token(token)) {
            // Neither ',' nor whitespace is a b64token character: a valid token needs one scan, not three.
            return token.indexOf(',') >= 0 || indexOfWhitespace(token) >= 0
                    ? new Refused(Reason.MALFORMED, "Authorization header carries more than one credential")
                    : new Refused(Reason.MALFORMED, "bearer token has characters outside the RFC 6750 token syntax");
        }
        return new Token(token);
    }

    /**
     * {@link #B64TOKEN}, matched by hand: the value is a kilobyte on every request, and the regex
     * engine costs a fair share of an RSA verification on it under C1, the Lambda runtime's JIT.
     */
    static boolean isB64Token(String s) {
        int i = 0;
        while (i < s.length() && isB64TokenChar(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean isB64TokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
