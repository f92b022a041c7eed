package dev.labauth.core.verify;

/**
 * How deeply a JSON text nests its objects and arrays, counted without parsing it, so that a header or
 * payload nested past the configured bound is refused before any parser walks it.
 */
final class JsonDepth {
    private JsonDepth() {
    }

    /** True when some object or array lies deeper than {@code max} (the outer object is depth 1). */
    static boolean exceeds(String json, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
