package dev.labauth.core.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;

/**
 * Untrusted JSON that must be an object (a JOSE header, a claims set, an event): Nimbus's parser
 * with one rule in front of it. Nimbus parses through Gson, which also reads a top-level array of
 * {@code [name, value]} pairs as an object, so {@code [["alg","RS256"]]} would pass for a header;
 * RFC 7515 and RFC 7519 require objects, and so does everything else Lab Auth reads.
 */
public final class JsonObjects {
    private JsonObjects() {
    }

    /** The object {@code json} holds; a ParseException when it is not a JSON object or not JSON. */
    public static Map<String, Object> parse(String json) throws ParseException {
        if (!isObjectText(json)) {
            throw new ParseException("not a JSON object", 0);
        }
        return JSONObjectUtils.parse(json);
    }

    /** Whether the text's first character other than JSON whitespace (RFC 8259 §2) opens an object. */
    public static boolean isObjectText(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }
}
