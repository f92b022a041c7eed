package dev.labauth.authorizer.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the string, Nimbus's parser reads back exactly it, and the literal stays on one line. */
class JsonTextPropertyTest {

    @Property(tries = 5000)
    void aQuotedStringParsesBackToItself(@ForAll("awkward") String value) throws Exception {
        String literal = JsonText.quoted(value);

        Map<String, Object> parsed = JSONObjectUtils.parse("{\"v\":" + literal + "}");
        assertThat(parsed.get("v")).isEqualTo(value);
        assertThat(literal).doesNotContain("\n", "\r", "\u2028", "\u2029");
    }

    @Example
    void controlCharactersAreEscaped() {
        assertThat(JsonText.quoted("a\"b\\c\u0000\u001f\n")).isEqualTo("\"a\\\"b\\\\c\\u0000\\u001f\\n\"");
        assertThat(JsonText.quoted("")).isEqualTo("\"\"");
    }

    /** Plain text mixed with every character JSON treats specially, surrogates (lone and paired) included. */
    @Provide
    Arbitrary<String> awkward() {
        return Arbitraries.strings()
                .withChars("ab\"\\/{}:,[]")
                .withCharRange('\u0000', '\u001f')
                .withChars('\u007f', '\u2028', '\u2029', '\ud83d', '\ude00', '\u00e9', '\ufeff')
                .ofMaxLength(40);
    }
}
