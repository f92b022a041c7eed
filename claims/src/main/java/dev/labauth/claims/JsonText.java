package dev.labauth.claims;

/**
 * JSON string literals for the 403 body. The claims library depends on the Lambda event types only,
 * so it writes its one small JSON object itself rather than bring in a JSON library.
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string literal (RFC 8259 §7): quotes, backslashes and controls escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
