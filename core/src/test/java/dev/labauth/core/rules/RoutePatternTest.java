package dev.labauth.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePatternTest {

    @ParameterizedTest
    @CsvSource({
        "GET /me,                    GET/me",
        "DELETE /experiments/{id},   DELETE/experiments/*",
        "get /files/{path+},         GET/files/*",
        "GET /,                      GET/"})
    void becomesAResourceGlob(String route, String glob) {
        assertThat(RoutePattern.parse(route).resourceGlobs()).containsExactly(glob);
    }

    @Test
    void anyBecomesOneGlobPerVerbSoNoMethodStarSpansAPath() {
        assertThat(RoutePattern.parse("ANY /admin/*").resourceGlobs())
                .containsExactly("GET/admin/*", "POST/admin/*", "PUT/admin/*", "PATCH/admin/*", "DELETE/admin/*",
                        "HEAD/admin/*", "OPTIONS/admin/*");
    }

    @Test
    void theRequestsOfARouteMarkItsParameters() {
        assertThat(RoutePattern.parse("DELETE /experiments/{id}").requests()).isEqualTo("DELETE/experiments/" + Globs.SEGMENT);
        assertThat(RoutePattern.parse("ANY /files/{p+}").requests()).isEqualTo(Globs.SEGMENT + "/files/" + Globs.REST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "FETCH /x", "GET me", "GET /a/{b+}/c", "GET /a/*/c", "GET /a/b*", "GET /a/{b"})
    void aMalformedRouteIsRefused(String route) {
        assertThatThrownBy(() -> RoutePattern.parse(route)).isInstanceOf(IllegalArgumentException.class);
    }
}
