package dev.labauth.authorizer.json;

/**
 * A Java string as a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters
 * escaped, everything else as it is. Written here because Nimbus's {@code JSONStringUtils} builds a
 * new Gson for every string, which cost as much as the rest of a request's log line and answer
 * together; a property test holds this to Nimbus's parser, which must read back exactly the string given.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** {@code value} quoted and escaped. */
    public static String quoted(String value) {
        return appendQuoted(new StringBuilder(value.length() + 8), value).toString();
    }

    /** Appends {@code value} quoted and escaped to {@code out}; returns {@code out}. */
    public static StringBuilder appendQuoted(StringBuilder out, String value) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // U+2028/9 are valid in JSON but end a line in JavaScript and in some log viewers.
                default -> out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.append(value, plainFrom, value.length()).append('"');
    }
}
