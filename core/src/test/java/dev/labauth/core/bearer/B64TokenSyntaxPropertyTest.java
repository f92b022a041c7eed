package dev.labauth.core.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written b64token check answers exactly as RFC 6750's grammar, written as a regex, does. */
class B64TokenSyntaxPropertyTest {

    @Property(tries = 3000)
    void handMatcherAgreesWithTheGrammar(@ForAll("nearlyTokens") String candidate) {
        assertThat(BearerCredential.isB64Token(candidate))
                .as("%s", candidate)
                .isEqualTo(BearerCredential.B64TOKEN.matcher(candidate).matches());
    }

    /** Mostly token characters and '=', with the characters a forger or a broken client would add. */
    @Provide
    Arbitrary<String> nearlyTokens() {
        return Arbitraries.strings()
                .withChars("AZaz09-._~+/==")
                .withChars("=!\"#$%&'()*,:;<>?@[\\]^`{|}\u00e9\u0000 ")
                .ofMinLength(0).ofMaxLength(12);
    }
}
