package dev.labauth.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.Base64URL;
import dev.labauth.authorizer.testing.CatalogueTenant;
import dev.labauth.core.bearer.BearerCredential;
import dev.labauth.core.testing.Attacks;
import dev.labauth.core.testing.Jwt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue #5 §4: Jazzer over the whole path from the raw {@code Authorization} value to the decision,
 * through the REST TOKEN handler as Lambda calls it. Whatever the value, the handler either allows a
 * genuine token (character for character one the issuer signed) or throws {@link Unauthorized} - never
 * another error (a 500), never an Allow for anything else.
 *
 * <p>Each input is read as a mode (its last byte) and a value: the raw header value; anything after
 * {@code Bearer }; a genuine token edited at fuzzer-chosen positions; or a token assembled from
 * fuzzer-chosen header and payload JSON, unsigned or signed by the attacker.
 *
 * <p>{@code mvn -B verify} replays the regression inputs in {@code AuthorizationFuzzTestInputs/}; fuzzing
 * proper is {@code mvn -B verify -pl authorizer -am -Pfuzz [-Dfuzz.duration=1h]} (README, "Hardening").
 */
class AuthorizationFuzzTest {
    private static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/experiments";
    private static final List<String> GENUINE = List.of(
            Attacks.genuineToken(),
            Jwt.auth0Machine("k1").signedRs256(Attacks.ISSUER_KEY),
            Jwt.auth0User("ec1").header("alg", "ES256").signedEs256(Attacks.ISSUER_EC_KEY));
    private static final String[] LAST_LINE = new String[1];
    private static final TokenAuthorizer HANDLER = new TokenAuthorizer(CatalogueTenant.engine(line -> LAST_LINE[0] = line));
    static final AtomicLong EXECUTIONS = new AtomicLong();
    static final AtomicLong ALLOWED = new AtomicLong();

    @FuzzTest(maxDuration = "10m")
    void authorizationValueToDecision(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        String value = switch (mode) {
            case 0 -> data.consumeRemainingAsString();
            case 1 -> "Bearer " + data.consumeRemainingAsString();
            case 2 -> "Bearer " + edited(data);
            default -> "Bearer " + assembled(data);
        };
        EXECUTIONS.incrementAndGet();

        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("TOKEN");
        event.setAuthorizationToken(value);
        event.setMethodArn(METHOD_ARN);
        try {
            HANDLER.handleRequest(event, null);
        } catch (Unauthorized refused) {
            assertThat(LAST_LINE[0]).contains("\"Outcome\":\"unauthorized\"");
            return;
        }
        // No error thrown: an Allow. Only for a token the issuer signed.
        ALLOWED.incrementAndGet();
        BearerCredential credential = BearerCredential.parse(value);
        assertThat(credential).isInstanceOf(BearerCredential.Token.class);
        assertThat(GENUINE).as("allowed a token the issuer never signed").contains(((BearerCredential.Token) credential).value());
    }

    @AfterAll
    static void report() {
        System.out.println("fuzz: " + EXECUTIONS.get() + " executions, " + ALLOWED.get()
                + " allowed (each a genuine token), 0 other errors");
    }

    /** A genuine token, a few of its characters replaced, inserted or removed where the fuzzer says. */
    private static String edited(FuzzedDataProvider data) {
        StringBuilder t = new StringBuilder(GENUINE.get(data.consumeInt(0, GENUINE.size() - 1)));
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, t.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> t.setCharAt(at, data.consumeChar());
                case 1 -> t.insert(at, data.consumeChar());
                default -> t.deleteCharAt(at);
            }
        }
        return t.toString();
    }

    /** Header and payload JSON of the fuzzer's choosing, as segments, with no, a junk or the attacker's signature. */
    private static String assembled(FuzzedDataProvider data) {
        int signature = data.consumeInt(0, 2);
        String header = data.consumeString(512);
        String payload = data.consumeRemainingAsString();
        String input = b64(header) + "." + b64(payload);
        return switch (signature) {
            case 0 -> input + ".";
            case 1 -> input + "." + Base64URL.encode(new byte[256]);
            default -> Jwt.rawRs256(b64(header), b64(payload), Attacks.ATTACKER);
        };
    }

    private static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
