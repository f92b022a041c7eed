package dev.labauth.lab.experiments;

import java.util.Map;

/** Which store a function uses, from its environment. */
public final class ExperimentStores {
    /** {@code dynamodb} (the default) or {@code memory} (one store per JVM; the local stack's choice). */
    public static final String EXPERIMENTS_STORE = "EXPERIMENTS_STORE";
    /** The DynamoDB table's name (the template passes it). */
    public static final String EXPERIMENTS_TABLE = "EXPERIMENTS_TABLE";
    /** Optional endpoint override for a DynamoDB-compatible engine. */
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

    private ExperimentStores() {
    }

    /**
     * The store the environment names. A mistake fails here, when the function is built, so that
     * a misconfigured function never answers as if the lab were empty.
     */
    public static ExperimentStore fromEnvironment(Map<String, String> env) {
        String kind = env.getOrDefault(EXPERIMENTS_STORE, "").strip();
        switch (kind) {
            case "memory":
                return InMemoryExperimentStore.shared();
            case "", "dynamodb":
                return DynamoDbExperimentStore.fromEnvironment(env);
            default:
                throw new IllegalArgumentException(EXPERIMENTS_STORE + " must be dynamodb or memory, not " + kind);
        }
    }
}
