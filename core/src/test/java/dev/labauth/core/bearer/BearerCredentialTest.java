package dev.labauth.core.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.core.verify.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Authorization header value, as a TOKEN authorizer receives it (C-12, C-06). */
class BearerCredentialTest {
    /** Shaped like a JWT; only its characters matter here. */
    private static final String TOKEN =
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhdXRoMHxhYmMifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

    private static BearerCredential.Refused refused(String header, Reason reason) {
        BearerCredential c = BearerCredential.parse(header);
        assertThat(c).isInstanceOf(BearerCredential.Refused.class);
        BearerCredential.Refused r = (BearerCredential.Refused) c;
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.description()).isNotBlank().doesNotContain(TOKEN);
        return r;
    }

    /** C-12: the scheme in any case, followed by one or more spaces. */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER  ", "BeArEr ", "Bearer\t", "  Bearer   "})
    void c12_schemeIsCaseInsensitive_andAnyRunOfSpacesIsFine(String prefix) {
        assertThat(BearerCredential.parse(prefix + TOKEN)).isEqualTo(new BearerCredential.Token(TOKEN));
    }

    @Test
    void c12_trailingWhitespace_isNotPartOfTheToken() {
        assertThat(BearerCredential.parse("Bearer " + TOKEN + " \r\n")).isEqualTo(new BearerCredential.Token(TOKEN));
    }

    @Test
    void c12_basicScheme_isWrongScheme_andDoesNotEchoTheCredentials() {
        BearerCredential.Refused r = refused("Basic dXNlcjpwYXNzd29yZA==", Reason.WRONG_SCHEME);

        assertThat(r.description()).contains("'Basic'").doesNotContain("dXNlcjpwYXNzd29yZA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Token " + TOKEN, "DPoP " + TOKEN, "Bearer-" + TOKEN + " x", "Bearer:" + TOKEN + " x"})
    void otherSchemes_areWrongScheme(String header) {
        refused(header, Reason.WRONG_SCHEME);
    }

    @Test
    void c12_bareToken_withoutScheme_isWrongScheme() {
        BearerCredential.Refused r = refused(TOKEN, Reason.WRONG_SCHEME);

        assertThat(r.description()).contains("no scheme");
    }

    @Test
    void aTokenInTheSchemePositionIsNotShownInTheDescription() {
        BearerCredential.Refused r = refused(TOKEN + " more", Reason.WRONG_SCHEME);

        assertThat(r.description()).contains("(not a scheme name)").doesNotContain(TOKEN.substring(0, 8));
    }

    @Test
    void aRealSchemeNameIsShownInTheDescription() {
        assertThat(refused("Basic dXNlcjpwYXNz", Reason.WRONG_SCHEME).description()).contains("'Basic'");
    }

    /** C-12: a second credential joined by a comma (two headers folded into one), or after a space. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Bearer " + TOKEN + ", Bearer " + TOKEN + "x",
            "Bearer " + TOKEN + ",Bearer " + TOKEN,
            "Bearer " + TOKEN + "," + TOKEN,
            "Bearer " + TOKEN + " " + TOKEN,
            "Bearer " + TOKEN + "\t" + TOKEN})
    void c12_secondCredential_isMalformed(String header) {
        BearerCredential.Refused r = refused(header, Reason.MALFORMED);

        assertThat(r.description()).contains("more than one credential");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ey\"J.x.y", "Bearer a=b", "Bearer <script>", "Bearer tok;en", "Bearer tøken"})
    void charactersOutsideTheTokenSyntax_areMalformed(String header) {
        refused(header, Reason.MALFORMED);
    }

    /** RFC 6750 b64token allows '~', '+', '/' and trailing '=' padding. */
    @ParameterizedTest
    @ValueSource(strings = {"abc~def", "abc+/def==", "a.b.c", "A-Z_0-9"})
    void theWholeB64TokenAlphabet_isAccepted(String token) {
        assertThat(BearerCredential.parse("Bearer " + token)).isEqualTo(new BearerCredential.Token(token));
    }

    /** C-06: "Bearer " with nothing after it. */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "Bearer    ", "bearer\t \t"})
    void c06_bearerWithEmptyToken_isMissingToken(String header) {
        refused(header, Reason.MISSING_TOKEN);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\r\n"})
    void nullOrBlankHeader_isMissingToken(String header) {
        refused(header, Reason.MISSING_TOKEN);
    }

    /** "Bearer " usually reaches us trimmed to "Bearer": the same missing token. */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", " BEARER "})
    void c06_bareSchemeWord_isMissingToken(String header) {
        BearerCredential.Refused r = refused(header, Reason.MISSING_TOKEN);

        assertThat(r.description()).contains("no token");
    }

    @Test
    void toString_neverShowsTheToken() {
        BearerCredential c = BearerCredential.parse("Bearer " + TOKEN);

        assertThat(c).isInstanceOf(BearerCredential.Token.class);
        assertThat(((BearerCredential.Token) c).value()).isEqualTo(TOKEN);
        assertThat(c.toString()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 10)).contains("redacted");
        assertThat(String.valueOf(java.util.List.of(c))).doesNotContain(TOKEN);
    }

    @Test
    void everyRefusalReason_isA401() {
        for (String header : new String[] {null, "Basic x", "Bearer a,b"}) {
            BearerCredential.Refused r = (BearerCredential.Refused) BearerCredential.parse(header);
            assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
            assertThat(r.reason().kind().httpStatus()).isEqualTo(401);
        }
    }
}
