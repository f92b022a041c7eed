package dev.labauth.lab;

import static dev.labauth.lab.LabEvents.invoke;
import static dev.labauth.lab.LabEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.labauth.lab.LabEvents.Answer;
import dev.labauth.lab.LabEvents.Who;
import dev.labauth.lab.experiments.Experiment;
import dev.labauth.lab.experiments.InMemoryExperimentStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /experiments (create:experiments): the new experiment belongs to the caller's sub. */
class CreateExperimentFunctionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123456Z");
    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final CreateExperimentFunction create =
            new CreateExperimentFunction(store, Clock.fixed(NOW, ZoneOffset.UTC));

    private Answer post(Who who, String body) {
        return invoke(create, request(who, "POST", "/experiments", "/experiments", null, body));
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"MEMBER", "ADMIN", "MACHINE"})
    void aCallerWithTheScopeOrPermissionCreatesAnExperimentOwnedBySub(Who who) {
        Answer answer = post(who, "{\"name\": \"  Titration  \"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> json = answer.json();
        assertThat(json).containsOnlyKeys("id", "name", "owner", "createdAt")
                .containsEntry("name", "Titration")
                .containsEntry("owner", who.sub())
                .containsEntry("createdAt", "2026-03-01T09:00:00.123Z");
        String id = (String) json.get("id");
        assertThat(answer.header("Location")).isEqualTo("/experiments/" + id);
        assertThat(store.find(id)).contains(new Experiment(id, "Titration", who.sub(), Instant.parse("2026-03-01T09:00:00.123Z")));
    }

    @Test
    void theOwnerIsNeverTakenFromTheBody() {
        Answer answer = post(Who.MEMBER, "{\"name\": \"Mine\", \"owner\": \"auth0|admin\", \"id\": \"chosen\"}");

        assertThat(answer.json()).containsEntry("owner", "auth0|member");
        assertThat(answer.json().get("id")).isNotEqualTo("chosen");
        assertThat(store.ownedBy("auth0|admin")).isEmpty();
    }

    @Test
    void eachExperimentGetsItsOwnId() {
        Object first = post(Who.MEMBER, "{\"name\": \"One\"}").json().get("id");
        Object second = post(Who.MEMBER, "{\"name\": \"One\"}").json().get("id");

        assertThat(first).isNotEqualTo(second);
        assertThat(store.ownedBy("auth0|member")).hasSize(2);
    }

    @Test
    void aBase64BodyIsDecoded() {
        APIGatewayProxyRequestEvent event = request(Who.MEMBER, "POST", "/experiments", "/experiments", null,
                Base64.getEncoder().encodeToString("{\"name\": \"Encoded\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        Answer answer = invoke(create, event);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json()).containsEntry("name", "Encoded");
    }

    @Test
    void scopesAreTheAuthorizersBusinessSoACallerItLetThroughIsServed() {
        // deploy/access-rules.yaml keeps callers without create:experiments from reaching this function.
        Answer answer = post(Who.GUEST, "{\"name\": \"Let through\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(store.ownedBy("auth0|guest")).hasSize(1);
    }

    @Test
    void c17_noAuthorizerBlockIsA403AndNothingIsStored() {
        Answer answer = post(Who.NOBODY, "{\"name\": \"Anonymous\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthenticated");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "not json", "[]", "\"Titration\"", "{}", "{\"name\": 5}", "{\"name\": null}",
        "{\"name\": \"   \"}", "{\"name\": \"a\\u0000b\"}", "{\"name\": \"Line\\nbreak\"}", "{\"name\": \"x\"} trailing",
        "{\"name\": \"a\", \"name\": \"b\"}", "{\"name\": \"unterminated}"})
    void aBodyItCannotUseIsA400AndNothingIsStored(String body) {
        Answer answer = post(Who.MEMBER, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json()).containsEntry("error", "invalid_request").containsKey("error_description");
        assertThat(store.ownedBy("auth0|member")).isEmpty();
    }

    @Test
    void namesAreLimitedInLengthAndBodiesInSize() {
        assertThat(post(Who.MEMBER, "{\"name\": \"" + "é".repeat(100) + "\"}").status()).isEqualTo(201);
        assertThat(post(Who.MEMBER, "{\"name\": \"" + "é".repeat(101) + "\"}").status()).isEqualTo(400);
        assertThat(post(Who.MEMBER, "{\"name\": \"x\", \"pad\": \"" + "x".repeat(5000) + "\"}").status()).isEqualTo(400);
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsA400() {
        APIGatewayProxyRequestEvent event = request(Who.MEMBER, "POST", "/experiments", "/experiments", null, "{not base64}");
        event.setIsBase64Encoded(true);

        assertThat(invoke(create, event).status()).isEqualTo(400);
    }
}
