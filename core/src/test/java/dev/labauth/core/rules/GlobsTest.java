package dev.labauth.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobsTest {

    /** Routes as requests ({id} one segment, {p+} the rest); globs as a policy writes them. */
    @ParameterizedTest
    @CsvSource({
        "GET/experiments,       GET /experiments,              true",
        "GET/experiments,       GET /experiments/{id},         false",
        "GET/experiments/*,     GET /experiments/{id},         true",
        "GET/experiments/*,     GET /experiments/{id}/files,   true",
        "GET/experiments/*/*,   GET /experiments/{id},         false",
        "GET/admin/*,           ANY /admin/{p+},               true",
        "DELETE/experiments/*,  ANY /files/{p+},               false",
        "*/files/*,             DELETE /experiments/{id},      false",
        "*/files/*,             GET /experiments/{id}/files/x, true",
        "GET/experiments,       GET /experimentsarchive,       false",
        "GET/experiments*,      GET /experimentsarchive,       true",
        "POST/experiments,      GET /experiments,              false"})
    void aPolicyGlobReachesARouteWhenSomeRequestOfTheRouteMatchesIt(String glob, String route, boolean expected) {
        assertThat(Globs.intersect(glob, RoutePattern.parse(route).requests())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:execute-api:r:1:api/dev/GET/experiments/*, arn:aws:execute-api:r:1:api/dev/GET/experiments/1,       true",
        "arn:aws:execute-api:r:1:api/dev/GET/experiments/*, arn:aws:execute-api:r:1:api/dev/GET/experiments/1/files, true",
        "arn:aws:execute-api:r:1:api/dev/GET/experiments/*, arn:aws:execute-api:r:1:api/dev/GET/experiments,         false",
        "arn:aws:execute-api:r:1:api/dev/GET/x,             arn:aws:execute-api:r:1:api/*/GET/x,                     false"})
    void aStarSpansSlashesButALiteralStarInTheTextIsLiteral(String glob, String text, boolean expected) {
        assertThat(Globs.matches(glob, text)).isEqualTo(expected);
    }
}
