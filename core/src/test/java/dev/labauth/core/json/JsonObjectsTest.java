package dev.labauth.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a JSON object is an object: Gson's reading of [name, value] pairs as one is refused. */
class JsonObjectsTest {

    /** The premise: without the rule in front, Nimbus's parser does take pairs for an object. */
    @ParameterizedTest
    @ValueSource(strings = {"[[\"alg\",\"RS256\"]]", "[]", " [[\"sub\",\"x\"],[\"exp\",1]]"})
    void arraysOfPairs_areNotObjects(String json) throws ParseException {
        assertThat(JSONObjectUtils.parse(json)).isNotNull();

        assertThatThrownBy(() -> JsonObjects.parse(json)).isInstanceOf(ParseException.class).hasMessage("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "\"{}\"", "1", "true", "\ufeff{}", "\u00a0{}"})
    void anythingButAnObject_isRefused(String json) {
        assertThatThrownBy(() -> JsonObjects.parse(json)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " \t\r\n{\"a\":1}", "{\"a\":[[\"b\",1]]}"})
    void objects_parseAsNimbusParsesThem(String json) throws ParseException {
        assertThat(JsonObjects.parse(json)).isEqualTo(JSONObjectUtils.parse(json));
    }
}
