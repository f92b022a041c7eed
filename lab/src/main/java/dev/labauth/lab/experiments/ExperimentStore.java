package dev.labauth.lab.experiments;

import java.util.List;
import java.util.Optional;

/**
 * Where experiments live. Every method may throw {@link ExperimentStoreException} when the store
 * cannot be reached or answers with an error; none returns null.
 */
public interface ExperimentStore {

    /** Stores a new experiment; its id must not be taken. */
    void create(Experiment experiment);

    /** The experiments {@code owner} created, oldest first. */
    List<Experiment> ownedBy(String owner);

    Optional<Experiment> find(String id);

    /**
     * Deletes experiment {@code id} if it is still owned by {@code owner}, the owner the caller
     * was checked against. False if it is gone, or changed hands in between.
     */
    boolean delete(String id, String owner);
}
