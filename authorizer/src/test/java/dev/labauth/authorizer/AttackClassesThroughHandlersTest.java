package dev.labauth.authorizer;

import dev.labauth.authorizer.testing.CatalogueTenant;
import dev.labauth.authorizer.testing.Handler;
import dev.labauth.authorizer.testing.Harness;
import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.testing.Attacks;
import dev.labauth.core.testing.Attacks.Attack;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5 §1 end to end: every variant of core's attack catalogue, sent as {@code Bearer <token>} in
 * AWS's sample events, through every handler as the Lambda runtime invokes it. Each is a 401 (an error
 * whose message is exactly {@code Unauthorized}), logged with its reason and never with the token; none
 * is allowed and none is a 500. The reason is the verifier's, unless the header value is already refused
 * as a bearer credential (a token with whitespace or characters outside RFC 6750's syntax).
 */
class AttackClassesThroughHandlersTest {
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = CatalogueTenant.harness();
    }

    static Stream<Arguments> everyHandlerEveryAttack() {
        return Arrays.stream(Handler.values())
                .flatMap(h -> Attacks.all().stream().map(a -> Arguments.of(h, a)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyHandlerEveryAttack")
    void refusedWithUnauthorized_andTheReasonLogged(Handler handler, Attack attack) {
        String credential = "Bearer " + attack.token();
        String expected = BearerCredential.parse(credential) instanceof BearerCredential.Refused refused
                ? refused.reason().code()
                : attack.expected().code();

        harness.run(handler, credential).assertUnauthorized(expected);
    }

    /** The control: the catalogue's genuine tokens are allowed by every handler. */
    @ParameterizedTest
    @EnumSource(Handler.class)
    void genuineTokensAreAllowed(Handler handler) {
        harness.run(handler, "Bearer " + Attacks.genuineToken()).assertAllowed();
    }
}
