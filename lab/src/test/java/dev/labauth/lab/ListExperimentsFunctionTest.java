package dev.labauth.lab;

import static dev.labauth.lab.LabEvents.invoke;
import static dev.labauth.lab.LabEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.lab.LabEvents.Answer;
import dev.labauth.lab.LabEvents.Who;
import dev.labauth.lab.experiments.Experiment;
import dev.labauth.lab.experiments.InMemoryExperimentStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /experiments (read:experiments): each caller sees its own experiments only. */
class ListExperimentsFunctionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final ListExperimentsFunction list = new ListExperimentsFunction(store);

    @BeforeEach
    void seed() {
        store.create(new Experiment("m2", "Titration", Who.MEMBER.sub(), T0.plusSeconds(10)));
        store.create(new Experiment("m1", "Spectroscopy", Who.MEMBER.sub(), T0));
        store.create(new Experiment("a1", "Calibration", Who.ADMIN.sub(), T0));
        store.create(new Experiment("g1", "Left over", Who.GUEST.sub(), T0));
    }

    private Answer ask(Who who) {
        return invoke(list, request(who, "GET", "/experiments", "/experiments", null, null));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Answer answer) {
        return ((List<Map<String, Object>>) answer.json().get("experiments")).stream()
                .map(e -> (String) e.get("id")).toList();
    }

    @Test
    void aMemberSeesTheirOwnExperimentsOldestFirst() {
        Answer answer = ask(Who.MEMBER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(ids(answer)).containsExactly("m1", "m2");
        assertThat((List<?>) answer.json().get("experiments")).first().isEqualTo(Map.of(
                "id", "m1", "name", "Spectroscopy", "owner", "auth0|member", "createdAt", "2026-03-01T09:00:00Z"));
    }

    @Test
    void anAdminAlsoSeesOnlyTheirOwn() {
        assertThat(ids(ask(Who.ADMIN))).containsExactly("a1");
    }

    @Test
    void aMachineWithTheScopeSeesItsOwnWhichIsNone() {
        Answer answer = ask(Who.MACHINE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).isEmpty();
    }

    @Test
    void scopesAreTheAuthorizersBusinessSoACallerItLetThroughSeesTheirOwn() {
        // deploy/access-rules.yaml keeps callers without read:experiments from reaching this function.
        Answer answer = ask(Who.GUEST);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer)).containsExactly("g1");
    }

    @Test
    void c17_noAuthorizerBlockIsA403() {
        Answer answer = ask(Who.NOBODY);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthenticated");
    }
}
