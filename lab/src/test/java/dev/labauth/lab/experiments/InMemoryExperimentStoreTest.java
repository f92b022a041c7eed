package dev.labauth.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the same contract as the DynamoDB one (see DynamoDbExperimentStoreTest). */
class InMemoryExperimentStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private final InMemoryExperimentStore store = new InMemoryExperimentStore();

    @Test
    void listsAnOwnersExperimentsOldestFirst() {
        store.create(new Experiment("b", "late", "ada", T0.plusSeconds(5)));
        store.create(new Experiment("a", "early", "ada", T0));
        store.create(new Experiment("c", "bob's", "bob", T0));

        assertThat(store.ownedBy("ada")).extracting(Experiment::id).containsExactly("a", "b");
        assertThat(store.ownedBy("nobody")).isEmpty();
    }

    @Test
    void aTakenIdIsRefused() {
        store.create(new Experiment("a", "first", "ada", T0));

        assertThatThrownBy(() -> store.create(new Experiment("a", "second", "bob", T0)))
                .isInstanceOf(ExperimentStoreException.class);
        assertThat(store.find("a")).get().extracting(Experiment::name).isEqualTo("first");
    }

    @Test
    void deleteOnlyWhileTheOwnerIsTheOneChecked() {
        store.create(new Experiment("a", "first", "ada", T0));

        assertThat(store.delete("a", "bob")).isFalse();
        assertThat(store.find("a")).isPresent();
        assertThat(store.delete("a", "ada")).isTrue();
        assertThat(store.find("a")).isEmpty();
        assertThat(store.delete("a", "ada")).isFalse();
    }

    @Test
    void sharedIsOneInstancePerJvm() {
        assertThat(InMemoryExperimentStore.shared()).isSameAs(InMemoryExperimentStore.shared()).isNotSameAs(store);
    }
}
