package dev.labauth.lab.experiments;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Experiments in this JVM's memory, for the local stack and tests. Not DynamoDB: it shares the
 * {@link ExperimentStore} contract, not the engine, so the local stack does not exercise DynamoDB's
 * behaviour (see {@link DynamoDbExperimentStore} and its protocol-stub test for that side).
 */
public final class InMemoryExperimentStore implements ExperimentStore {
    // One per JVM: the local gateway builds each function separately, and they must see one lab.
    private static final InMemoryExperimentStore SHARED = new InMemoryExperimentStore();

    private static final Comparator<Experiment> OLDEST_FIRST =
            Comparator.comparing(Experiment::createdAt).thenComparing(Experiment::id);

    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();

    /** The store every function in this JVM uses when {@code EXPERIMENTS_STORE=memory}. */
    public static InMemoryExperimentStore shared() {
        return SHARED;
    }

    /** A store of its own, for a test that must not see other tests' experiments. */
    public InMemoryExperimentStore() {
    }

    @Override
    public void create(Experiment experiment) {
        if (experiments.putIfAbsent(experiment.id(), experiment) != null) {
            throw new ExperimentStoreException("an experiment with id " + experiment.id() + " already exists");
        }
    }

    @Override
    public List<Experiment> ownedBy(String owner) {
        return experiments.values().stream().filter(e -> e.isOwnedBy(owner)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public Optional<Experiment> find(String id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public boolean delete(String id, String owner) {
        // Atomic like DynamoDB's conditional delete: only the experiment the caller was checked against.
        boolean[] deleted = {false};
        experiments.computeIfPresent(id, (key, current) -> {
            if (current.isOwnedBy(owner)) {
                deleted[0] = true;
                return null;
            }
            return current;
        });
        return deleted[0];
    }
}
