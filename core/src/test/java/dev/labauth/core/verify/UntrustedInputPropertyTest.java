package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.TestKeys;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a caller sends, the verifier answers with a verdict (never an exception, never our own
 * failure for a key set that is available) and its description never carries the token.
 */
class UntrustedInputPropertyTest {
    private static final RSAKey K1 = TestKeys.rsa("k1");
    private static final String VALID = Jwt.auth0User("k1").signedRs256(K1);
    private static final TokenVerifier VERIFIER = new TokenVerifier(
            VerifierSettings.fromEnvironment(Map.of("AUTH0_DOMAIN", Jwt.TENANT, "AUTH0_AUDIENCE", Jwt.API)),
            issuer -> new FixedKeySource(new JWKSet(K1)), Clock.fixed(Jwt.NOW, ZoneOffset.UTC));

    @Provide
    Arbitrary<String> tokenLike() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("ABCDEFabcdefxyz0123456789-_.=+/ ")
                .ofMinLength(0).ofMaxLength(300);
        Arbitrary<String> anything = Arbitraries.strings().ofMinLength(0).ofMaxLength(300);
        Arbitrary<String> segments = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_')
                .ofMinLength(0).ofMaxLength(60).list().ofMinSize(1).ofMaxSize(6).map(l -> String.join(".", l));
        return Arbitraries.oneOf(alphabet, anything, segments);
    }

    /** A valid token with one character replaced. */
    @Provide
    Arbitrary<String> mutatedValid() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> replacement = Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".toCharArray());
        return Combinators.combine(position, replacement)
                .as((p, c) -> VALID.substring(0, p) + c + VALID.substring(p + 1));
    }

    @Property(tries = 400)
    void anyInput_isRejectedAsTheCallersFault_withoutEchoingIt(@ForAll("tokenLike") String token) {
        Verification v = VERIFIER.verify(token);

        assertThat(v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
        if (token.strip().length() >= 12) {
            assertThat(r.description()).doesNotContain(token);
        }
    }

    /**
     * One changed character breaks the token: only the canonical base64url spelling of each segment is
     * accepted, so even a change in the unused low bits of a segment's last character is refused
     * (it used to verify, decoding to the same bytes). A "change" to the same character is the token itself.
     */
    @Property(tries = 300)
    void oneChangedCharacter_isAlwaysRefused(@ForAll("mutatedValid") String token) {
        Verification v = VERIFIER.verify(token);

        if (token.equals(VALID)) {
            assertThat(v).isInstanceOf(Verification.Verified.class);
            return;
        }
        assertThat(v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
        assertThat(r.description()).doesNotContain(token);
    }

    @Property(tries = 400)
    void bearerHeader_yieldsATokenOfTheRfc6750Syntax_orARefusal(@ForAll("tokenLike") String rest,
            @ForAll("schemes") String scheme) {
        BearerCredential c = BearerCredential.parse(scheme + rest);

        if (c instanceof BearerCredential.Token t) {
            assertThat(t.value()).matches("[A-Za-z0-9\\-._~+/]+=*");
            assertThat(t.toString()).isEqualTo("Token[redacted]");
            assertThat(scheme.strip()).isEqualToIgnoringCase("bearer");
        } else {
            BearerCredential.Refused r = (BearerCredential.Refused) c;
            assertThat(r.reason().kind()).isEqualTo(Reason.Kind.UNAUTHENTICATED);
            if (rest.strip().length() >= 12) {
                assertThat(r.description()).doesNotContain(rest.strip());
            }
        }
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("Bearer ", "bearer  ", "BEARER\t", "Basic ", "", "Bearer", " Bearer ");
    }
}
