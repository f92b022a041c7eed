package dev.labauth.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static Caller caller(Set<String> scopes, Set<String> permissions, Optional<String> grantType) {
        return new Caller("auth0|abc", scopes, permissions, Set.of(), Optional.empty(), grantType,
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void c18_aScopeOrAPermissionGrantsOnlyByExactName() {
        Caller a = caller(Set.of("openid", "profile"), Set.of("create:experiments"), Optional.empty());
        Caller b = caller(Set.of("create:experiments-admin"), Set.of("create:experiments:self"), Optional.empty());
        Caller c = caller(Set.of(), Set.of(), Optional.empty());

        assertThat(a.has("create:experiments")).isTrue();
        assertThat(b.has("create:experiments")).isFalse();
        assertThat(c.has("create:experiments")).isFalse();
        assertThat(a.has("create")).isFalse();
        assertThat(a.has("openid")).isTrue();
    }

    @Test
    void machineMeansTheClientCredentialsGrant() {
        assertThat(caller(Set.of(), Set.of(), Optional.of("client-credentials")).isMachine()).isTrue();
        assertThat(caller(Set.of(), Set.of(), Optional.of("password")).isMachine()).isFalse();
        assertThat(caller(Set.of(), Set.of(), Optional.empty()).isMachine()).isFalse();
    }

    @Test
    void setsAreSortedAndCannotChange() {
        Caller caller = caller(Set.of("b", "c", "a"), Set.of(), Optional.empty());

        assertThat(caller.scopes()).containsExactly("a", "b", "c").isUnmodifiable();
    }

    @Test
    void aCallerNeedsASubject() {
        assertThatThrownBy(() -> new Caller(" ", Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
