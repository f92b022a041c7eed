package dev.labauth.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The read-back rule for stringified values (C-02), one input at a time. */
class ClaimValuesTest {

    @Test
    void c02_trueAndNumbersReadBackTyped() {
        assertThat(ClaimValues.typed("true")).contains(Boolean.TRUE);
        assertThat(ClaimValues.typed("false")).contains(Boolean.FALSE);
        assertThat(ClaimValues.typed("123")).contains(123L);
        assertThat(ClaimValues.typed("-42")).contains(-42L);
        assertThat(ClaimValues.typed("0")).contains(0L);
        assertThat(ClaimValues.typed("1.5")).contains(1.5);
        assertThat(ClaimValues.typed("-2.5e3")).contains(-2500.0);
        assertThat(ClaimValues.typed("1E2")).contains(100.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"True", "TRUE", "yes", "007", "1.", ".5", "+1", "1_000", "0x10", "NaN", "Infinity",
        "9223372036854775808", "1e400", "12 ", "", "[a b]", "auth0|abc"})
    void anythingElseStaysTheStringItWas(String raw) {
        assertThat(ClaimValues.typed(raw)).contains(raw);
    }

    @Test
    void valuesThatArriveUnstringifiedAreWidened() {
        assertThat(ClaimValues.typed(7)).contains(7L);
        assertThat(ClaimValues.typed(7.5f)).contains(7.5);
        assertThat(ClaimValues.typed(BigInteger.TWO.pow(70))).contains(BigInteger.TWO.pow(70).toString());
        assertThat(ClaimValues.typed(true)).contains(Boolean.TRUE);
        assertThat(ClaimValues.typed(List.of("a", 1))).contains(List.of("a", "1"));
        assertThat(ClaimValues.typed(null)).isEmpty();
    }

    @Test
    void jwtAuthorizerArraysAreLists() {
        assertThat(ClaimValues.typedJwtClaim("[a b]")).contains(List.of("a", "b"));
        assertThat(ClaimValues.typedJwtClaim("[]")).contains(List.of());
        assertThat(ClaimValues.typedJwtClaim("[solo]")).contains(List.of("solo"));
        assertThat(ClaimValues.typedJwtClaim("123")).contains(123L);
        assertThat(ClaimValues.typedJwtClaim("[")).contains("[");
    }

    @Test
    void setsSplitOnAnyWhitespaceAndDropDuplicates() {
        assertThat(ClaimValues.set(" a  b\ta ")).containsExactly("a", "b");
        assertThat(ClaimValues.set("")).isEmpty();
        assertThat(ClaimValues.set(null)).isEmpty();
        assertThat(ClaimValues.set(List.of("x", "y"))).containsExactly("x", "y");
        assertThat(ClaimValues.jwtSet("[x y]")).containsExactly("x", "y");
        assertThat(ClaimValues.jwtSet("x y")).containsExactly("x", "y");
    }

    @Test
    void booleansOnlyWhenTheyReadAsBooleans() {
        assertThat(ClaimValues.bool("true")).contains(true);
        assertThat(ClaimValues.bool(false)).contains(false);
        assertThat(ClaimValues.bool("1")).isEmpty();
        assertThat(ClaimValues.bool(null)).isEmpty();
    }

    @Test
    void identifiersAreTrimmedTextAndBlankIsAbsent() {
        assertThat(ClaimValues.text(" auth0|abc ")).contains("auth0|abc");
        assertThat(ClaimValues.text(12345)).contains("12345");
        assertThat(ClaimValues.text("  ")).isEmpty();
        assertThat(ClaimValues.text(List.of("a"))).isEmpty();
    }
}
