package dev.labauth.lab;

import static dev.labauth.lab.LabEvents.invoke;
import static dev.labauth.lab.LabEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.lab.LabEvents.Answer;
import dev.labauth.lab.LabEvents.Who;
import dev.labauth.lab.experiments.Experiment;
import dev.labauth.lab.experiments.InMemoryExperimentStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DELETE /experiments/{id}: its owner, or the lab-admin role; nobody else. */
class DeleteExperimentFunctionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final DeleteExperimentFunction delete = new DeleteExperimentFunction(store);

    @BeforeEach
    void seed() {
        for (Who who : new Who[] {Who.MEMBER, Who.ADMIN, Who.GUEST, Who.MACHINE}) {
            store.create(new Experiment(who.name().toLowerCase(), "of " + who, who.sub(), T0));
        }
    }

    private Answer delete(Who who, String id) {
        return invoke(delete, request(who, "DELETE", "/experiments/{id}", "/experiments/" + id, Map.of("id", id), null));
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"MEMBER", "ADMIN", "GUEST", "MACHINE"})
    void anOwnerDeletesTheirOwnWhateverTheirScopes(Who who) {
        String id = who.name().toLowerCase();

        Answer answer = delete(who, id);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isNull();
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void anAdminDeletesAnyonesExperiment() {
        assertThat(delete(Who.ADMIN, "member").status()).isEqualTo(204);
        assertThat(store.find("member")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"MEMBER", "GUEST", "MACHINE"})
    void anyoneElseIsRefusedAndTheExperimentStays(Who who) {
        Answer answer = delete(who, "admin");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json()).containsEntry("error", "not_owner");
        assertThat(store.find("admin")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"MEMBER", "ADMIN", "GUEST", "MACHINE"})
    void anUnknownIdIsA404(Who who) {
        Answer answer = delete(who, "no-such-experiment");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).containsEntry("error", "not_found");
    }

    @Test
    void anIdTooLongToBeOneIsA404() {
        assertThat(delete(Who.ADMIN, "x".repeat(DeleteExperimentFunction.MAX_ID_LENGTH + 1)).status()).isEqualTo(404);
    }

    @Test
    void deletingTwiceIsA404TheSecondTime() {
        assertThat(delete(Who.MEMBER, "member").status()).isEqualTo(204);
        assertThat(delete(Who.MEMBER, "member").status()).isEqualTo(404);
    }

    @Test
    void c17_noAuthorizerBlockIsA403AndTheExperimentStays() {
        Answer answer = delete(Who.NOBODY, "member");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthenticated");
        assertThat(store.find("member")).isPresent();
    }

    @Test
    void aMissingIdIsA400() {
        Answer answer = invoke(delete, request(Who.ADMIN, "DELETE", "/experiments/{id}", "/experiments/", null, null));

        assertThat(answer.status()).isEqualTo(400);
    }
}
