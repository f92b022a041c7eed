package dev.labauth.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.testing.Attacks;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Issue #5 §3, zero false accepts: from genuine tokens (RS256 user and machine tokens, an ES256 token),
 * one to three mutations - bit flips anywhere, segment swaps and splices, header and claim edits
 * re-encoded without re-signing, re-signing with another key (the attacker's RSA or EC key, a weak
 * key the issuer publishes, PSS padding by the issuer's key under an RS256 header, HMAC keyed with the
 * public key), truncation and insertion - and the verifier must
 * never allow the result unless it is, character for character, one of the genuine tokens; nor fail as our own
 * error, nor throw.
 *
 * <p>{@value #DEFAULT_TRIES} tries in {@code mvn -B verify}; {@code -Dlabauth.mutation.tries=N} (or the
 * {@code mutations} profile, 200,000) for more.
 */
class ForgeryMutationPropertyTest {
    static final int DEFAULT_TRIES = 20_000;
    static final String TRIES_PROPERTY = "labauth.mutation.tries";

    private static final RSAKey K1 = Attacks.ISSUER_KEY;
    private static final ECKey EC1 = Attacks.ISSUER_EC_KEY;
    private static final RSAKey ATTACKER_RSA = Attacks.ATTACKER;
    private static final ECKey ATTACKER_EC = TestKeys.ec("attacker-ec");
    private static final TokenVerifier VERIFIER = new TokenVerifier(VerifierSettings.fromEnvironment(Attacks.ENVIRONMENT),
            issuer -> new FixedKeySource(Attacks.published()), Clock.fixed(Jwt.NOW, ZoneOffset.UTC));
    private static final List<String> GENUINE = List.of(
            Jwt.auth0User("k1").signedRs256(K1),
            Jwt.auth0Machine("k1").signedRs256(K1),
            Jwt.auth0User("ec1").header("alg", "ES256").signedEs256(EC1));

    static final AtomicLong TRIED = new AtomicLong();
    static final AtomicLong IDENTICAL = new AtomicLong();

    /** Lets {@code -Dlabauth.mutation.tries=N} override the tries of the annotated property. */
    static final class TriesFromSystemProperty implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty(TRIES_PROPERTY);
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.trim()));
            }
            return property.execute();
        }
    }

    /** One mutation: a name for the report and what it does to a token. */
    record Mutation(String name, java.util.function.UnaryOperator<String> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Property(tries = DEFAULT_TRIES, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(TriesFromSystemProperty.class)
    void noMutationOfAGenuineTokenIsEverAllowed(@ForAll("genuine") String original,
            @ForAll("mutations") List<Mutation> mutations) {
        String token = original;
        for (Mutation m : mutations) {
            token = m.apply().apply(token);
        }
        TRIED.incrementAndGet();
        Verification v = VERIFIER.verify(token);

        if (GENUINE.contains(token)) { // mutated back into a genuine token (the ES256 one shares the user claims)
            IDENTICAL.incrementAndGet();
            assertThat(v).isInstanceOf(Verification.Verified.class);
            return;
        }
        assertThat(v).as("mutated by %s", mutations).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) v).reason().kind()).as("mutated by %s: %s", mutations, v)
                .isEqualTo(Reason.Kind.UNAUTHENTICATED);
    }

    @AfterContainer
    static void report() {
        System.out.println("mutation property: " + TRIED.get() + " mutated tokens verified, " + IDENTICAL.get()
                + " of them mutated back into a genuine token (allowed, as they must be), 0 false accepts");
    }

    @Provide
    Arbitrary<String> genuine() {
        return Arbitraries.of(GENUINE);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, bitFlips()),
                        net.jqwik.api.Tuple.of(2, segmentSwaps()),
                        net.jqwik.api.Tuple.of(3, headerEdits()),
                        net.jqwik.api.Tuple.of(3, claimEdits()),
                        net.jqwik.api.Tuple.of(1, keySwaps()),
                        net.jqwik.api.Tuple.of(2, cuts()))
                .list().ofMinSize(1).ofMaxSize(3);
    }

    // --- mutation operators ---

    /** One to eight bits flipped at any positions of the token's characters. */
    Arbitrary<Mutation> bitFlips() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> bit = Arbitraries.integers().between(0, 7);
        return Combinators.combine(where.list().ofMinSize(1).ofMaxSize(8), bit.list().ofMinSize(8).ofMaxSize(8))
                .as((positions, bits) -> new Mutation("flip " + positions.size() + " bit(s)", t -> {
                    if (t.isEmpty()) {
                        return t;
                    }
                    char[] c = t.toCharArray();
                    for (int i = 0; i < positions.size(); i++) {
                        int p = (int) (positions.get(i) * (c.length - 1));
                        c[p] = (char) (c[p] ^ (1 << bits.get(i)));
                    }
                    return new String(c);
                }));
    }

    /** Segments reordered, duplicated, or taken from another genuine token. */
    Arbitrary<Mutation> segmentSwaps() {
        return Arbitraries.of(
                new Mutation("swap header and payload", t -> permute(t, 1, 0, 2)),
                new Mutation("swap payload and signature", t -> permute(t, 0, 2, 1)),
                new Mutation("rotate segments", t -> permute(t, 2, 0, 1)),
                new Mutation("header twice", t -> permute(t, 0, 0, 2)),
                new Mutation("payload of the machine token", t -> splice(t, 1, GENUINE.get(1))),
                new Mutation("payload of the ES256 token", t -> splice(t, 1, GENUINE.get(2))),
                new Mutation("signature of the machine token", t -> splice(t, 2, GENUINE.get(1))),
                new Mutation("header of the ES256 token", t -> splice(t, 0, GENUINE.get(2))),
                new Mutation("signature of the ES256 token", t -> splice(t, 2, GENUINE.get(2))));
    }

    /** A header parameter set, changed or removed, re-encoded; payload and signature kept. */
    Arbitrary<Mutation> headerEdits() {
        Arbitrary<String> name = Arbitraries.of("alg", "kid", "typ", "crit", "jwk", "jku", "x5u", "x5c", "cty", "b64", "zip");
        Arbitrary<Object> value = Arbitraries.of("none", "RS256", "ES256", "HS256", "PS256", "RS512", "k1", "ec1",
                "attacker", "../k1", "JWT", "at+jwt", "", 0, true, List.of("exp"), List.of(), Map.of("kty", "RSA"),
                ATTACKER_RSA.toPublicJWK().toJSONObject(), "https://attacker.example/jwks.json", "DEF", REMOVE);
        return Combinators.combine(name, value).as((n, v) ->
                new Mutation("header " + n + " := " + shown(v), t -> editJson(t, 0, n, v)));
    }

    /** A claim set, changed or removed, re-encoded; header and signature kept. */
    Arbitrary<Mutation> claimEdits() {
        Arbitrary<String> name = Arbitraries.of("sub", "iss", "aud", "exp", "nbf", "iat", "scope", "permissions",
                "https://labauth.dev/roles", "azp", "gty", "jti");
        Arbitrary<Object> value = Arbitraries.of("auth0|admin", "https://tenant.eu.auth0.com", Jwt.ISSUER, Jwt.API,
                List.of(Jwt.API), List.of("admin:all"), Jwt.NOW.getEpochSecond() + 86_400 * 3650L,
                Jwt.NOW.getEpochSecond() - 10, 0, "client-credentials", "openid admin", "", Map.of(), REMOVE);
        return Combinators.combine(name, value).as((n, v) ->
                new Mutation("claim " + n + " := " + shown(v), t -> editJson(t, 1, n, v)));
    }

    /** The signing input (as it stands) signed again, by a key the issuer does not publish under this kid. */
    Arbitrary<Mutation> keySwaps() {
        return Arbitraries.of(
                new Mutation("re-signed RS256 by the attacker", t -> resign(t, "SHA256withRSA", ATTACKER_RSA)),
                new Mutation("re-signed ES256 by the attacker", t -> resign(t, "SHA256withECDSAinP1363Format", ATTACKER_EC)),
                // the issuer's own RSA key, but PSS padding where the header says RS256 (PS256 is not allowed)
                new Mutation("re-signed RSASSA-PSS by the issuer's RSA key", t -> resignPss(t, K1)),
                new Mutation("re-signed RS256 by a 1024-bit key it publishes", t -> resign(t, "SHA256withRSA", Attacks.WEAK_1024)),
                new Mutation("HMAC keyed with the issuer's public JWK", t -> hmac(t, K1.toPublicJWK().toJSONString())),
                new Mutation("HMAC keyed with the issuer's modulus", t -> hmac(t, K1.getModulus().toString())));
    }

    /** Characters cut off, inserted or doubled anywhere. */
    Arbitrary<Mutation> cuts() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 8);
        Arbitrary<Character> ch = Arbitraries.chars().with("AaZz09-_.=+/ \t%\u0000\u00e9".toCharArray());
        return Arbitraries.oneOf(
                Combinators.combine(where, length).as((w, n) -> new Mutation("cut " + n + " chars", t -> {
                    int p = (int) (w * t.length());
                    return t.substring(0, p) + t.substring(Math.min(t.length(), p + n));
                })),
                Combinators.combine(where, ch).as((w, c) -> new Mutation("insert '" + c + "'", t -> {
                    int p = (int) (w * t.length());
                    return t.substring(0, p) + c + t.substring(p);
                })),
                Arbitraries.of(new Mutation("truncate at the last dot", t -> t.substring(0, Math.max(0, t.lastIndexOf('.') + 1))),
                        new Mutation("append '='", t -> t + "="), new Mutation("append a dot", t -> t + ".")));
    }

    // --- helpers ---

    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "(removed)";
        }
    };

    private static String shown(Object v) {
        String s = String.valueOf(v);
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }

    private static String[] parts(String t) {
        String[] p = t.split("\\.", -1);
        return p.length == 3 ? p : null;
    }

    private static String permute(String t, int a, int b, int c) {
        String[] p = parts(t);
        return p == null ? t : p[a] + "." + p[b] + "." + p[c];
    }

    private static String splice(String t, int segment, String donor) {
        String[] p = parts(t);
        String[] d = parts(donor);
        if (p == null) {
            return t;
        }
        p[segment] = d[segment];
        return String.join(".", p);
    }

    private static String editJson(String t, int segment, String name, Object value) {
        String[] p = parts(t);
        if (p == null) {
            return t;
        }
        try {
            Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(new Base64URL(p[segment]).decodeToString()));
            if (value == REMOVE) {
                json.remove(name);
            } else {
                json.put(name, value);
            }
            p[segment] = Base64URL.encode(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8)).toString();
            return String.join(".", p);
        } catch (ParseException | RuntimeException notJsonAnyMore) {
            return t;
        }
    }

    private static String resign(String t, String jca, com.nimbusds.jose.jwk.AsymmetricJWK key) {
        int dot = t.lastIndexOf('.');
        if (dot < 0) {
            return t;
        }
        String input = t.substring(0, dot);
        try {
            Signature s = Signature.getInstance(jca);
            s.initSign(key.toPrivateKey());
            s.update(input.getBytes(StandardCharsets.UTF_8));
            return input + "." + Base64URL.encode(s.sign());
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resignPss(String t, RSAKey key) {
        int dot = t.lastIndexOf('.');
        if (dot < 0) {
            return t;
        }
        String input = t.substring(0, dot);
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            s.initSign(key.toPrivateKey());
            s.update(input.getBytes(StandardCharsets.UTF_8));
            return input + "." + Base64URL.encode(s.sign());
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String t, String secret) {
        int dot = t.lastIndexOf('.');
        if (dot < 0) {
            return t;
        }
        String input = t.substring(0, dot);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> genuineTokens() {
        return new ArrayList<>(GENUINE);
    }
}
