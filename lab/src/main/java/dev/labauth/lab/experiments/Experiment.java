package dev.labauth.lab.experiments;

import java.time.Instant;
import java.util.Objects;

/**
 * One experiment of the sample lab.
 *
 * @param id        opaque, chosen by the lab when the experiment is created
 * @param name      what its owner called it
 * @param owner     the {@code sub} of the caller who created it
 * @param createdAt when it was created, to the millisecond
 */
public record Experiment(String id, String name, String owner, Instant createdAt) {
    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isOwnedBy(String subject) {
        return owner.equals(subject);
    }
}
