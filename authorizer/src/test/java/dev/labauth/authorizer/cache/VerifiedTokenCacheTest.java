package dev.labauth.authorizer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.testing.MutableClock;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import dev.labauth.local.issuer.AccessTokenClaims;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache on its own, in front of a real verifier whose key source counts how often it is asked:
 * a hit asks nothing. Time comes from a clock moved by hand; no test sleeps.
 */
class VerifiedTokenCacheTest {
    private static final String ISSUER = "https://lab.eu.auth0.com/";
    private static final String API = "https://api.lab.example";
    private static final DevSigningKey KEY = DevSigningKey.generate();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(T0);
    private final CountingKeySource keys = new CountingKeySource(new JWKSet(KEY.publicJwk()));
    private final TokenVerifier verifier = new TokenVerifier(
            VerifierSettings.fromEnvironment(Map.of(VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, API)),
            issuer -> keys, clock);

    @Test
    void aTokenSeenBeforeIsAnsweredWithoutVerifyingItAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 100, clock);
        String token = token(T0, Duration.ofHours(24));

        Verification first = ask(cache, token);
        Verification again = ask(cache, token);

        assertThat(first).isInstanceOf(Verification.Verified.class);
        assertThat(again).isEqualTo(first);
        assertThat(keys.consulted()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void exp_noEntryIsHonouredFromTheTokensExpOn_andAHitGetsNoClockSkew() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 100, clock);
        String token = token(T0, Duration.ofSeconds(100));
        ask(cache, token);

        clock.set(T0.plusSeconds(99));
        assertThat(ask(cache, token)).isInstanceOf(Verification.Verified.class);
        assertThat(keys.consulted()).as("a second before exp: from memory").isEqualTo(1);

        clock.set(T0.plusSeconds(100));
        assertThat(ask(cache, token)).as("the verifier, with its 60 s skew, still accepts it")
                .isInstanceOf(Verification.Verified.class);
        assertThat(keys.consulted()).as("at exp the entry is gone: verified afresh").isEqualTo(2);
        assertThat(cache.size()).as("accepted within the skew, but not remembered").isZero();

        clock.set(T0.plusSeconds(100 + 61));
        assertThat(ask(cache, token)).isInstanceOfSatisfying(Verification.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void ttl_anEntryEndsAtTheTtlWhenExpIsFarAway() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 100, clock);
        String token = token(T0, Duration.ofHours(24));
        ask(cache, token);

        clock.set(T0.plus(TTL).minusMillis(1));
        ask(cache, token);
        assertThat(keys.consulted()).isEqualTo(1);

        clock.set(T0.plus(TTL));
        ask(cache, token);
        assertThat(keys.consulted()).as("verified afresh once the TTL is over").isEqualTo(2);

        clock.set(T0.plus(TTL).plus(TTL).minusMillis(1));
        ask(cache, token);
        assertThat(keys.consulted()).as("and remembered for a new TTL from then").isEqualTo(2);
    }

    @Test
    void aTokenAlreadyPastExpIsNotStoredEvenThoughTheVerifierAcceptsItWithinTheSkew() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 100, clock);
        String token = token(T0.minusSeconds(30), Duration.ofSeconds(10)); // exp 20 s ago, skew 60 s

        assertThat(ask(cache, token)).isInstanceOf(Verification.Verified.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusals_rejectionsAndFailuresAreNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 100, clock);
        String token = token(T0, Duration.ofHours(24));
        keys.down(true);

        assertThat(ask(cache, token)).isInstanceOfSatisfying(Verification.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE));
        assertThat(ask(cache, token)).isInstanceOfSatisfying(Verification.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE));
        assertThat(keys.consulted()).isEqualTo(2);
        assertThat(cache.size()).isZero();

        // Once the key set is back, the same token verifies: no failure was remembered against it.
        keys.down(false);
        assertThat(ask(cache, token)).isInstanceOf(Verification.Verified.class);

        String expired = token(T0.minus(Duration.ofHours(2)), Duration.ofHours(1));
        ask(cache, expired);
        ask(cache, expired);
        assertThat(keys.consulted()).as("an expired token is judged again each time").isEqualTo(5);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void lru_theEntryCountIsBoundedAndTheLeastRecentlyUsedGoesFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(TTL, 3, clock);
        List<String> tokens = List.of(token(T0, Duration.ofHours(1)), token(T0, Duration.ofHours(2)),
                token(T0, Duration.ofHours(3)), token(T0, Duration.ofHours(4)));
        ask(cache, tokens.get(0));
        ask(cache, tokens.get(1));
        ask(cache, tokens.get(2));
        ask(cache, tokens.get(0)); // used again: token 1 is now the least recently used
        ask(cache, tokens.get(3));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(keys.consulted()).isEqualTo(4);

        ask(cache, tokens.get(0));
        ask(cache, tokens.get(2));
        ask(cache, tokens.get(3));
        assertThat(keys.consulted()).as("tokens 0, 2 and 3 stayed").isEqualTo(4);
        ask(cache, tokens.get(1));
        assertThat(keys.consulted()).as("token 1 was evicted").isEqualTo(5);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void aZeroOrNegativeTtlOrNoRoomIsNotACache() {
        assertThatThrownBy(() -> new VerifiedTokenCache(Duration.ZERO, 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokenCache(Duration.ofSeconds(-1), 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokenCache(TTL, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestsDifferForValuesThatDifferInOneCharacter_andNeverShowTheToken() {
        String token = token(T0, Duration.ofHours(1));
        CredentialDigest digest = CredentialDigest.of("Bearer " + token);

        assertThat(CredentialDigest.of("Bearer " + token)).isEqualTo(digest);
        assertThat(CredentialDigest.of("Bearer " + token + "A")).isNotEqualTo(digest);
        assertThat(CredentialDigest.of("bearer " + token)).isNotEqualTo(digest);
        assertThat(CredentialDigest.of("Bearer  " + token)).isNotEqualTo(digest);
        assertThat(digest.toString()).doesNotContain(token.substring(0, 16)).contains(digest.fingerprint());
        assertThat(digest.fingerprint()).isEqualTo(DecisionLog.fingerprint("Bearer " + token)).hasSize(16);
    }

    /** The cache asked about a request carrying {@code token}, as the gatekeeper asks it. */
    private Verification ask(VerifiedTokenCache cache, String token) {
        return cache.verified(CredentialDigest.of("Bearer " + token), () -> verifier.verify(token));
    }

    private static String token(Instant issuedAt, Duration lifetime) {
        return TokenMinter.sign(KEY, AccessTokenClaims.forUser(ISSUER, "auth0|alice", "lab-spa", issuedAt)
                .audiences(List.of(API, ISSUER + "userinfo"))
                .scope("openid read:experiments")
                .claim("jti", java.util.UUID.randomUUID().toString())
                .expiresAt(issuedAt.plus(lifetime))
                .toMap());
    }
}
