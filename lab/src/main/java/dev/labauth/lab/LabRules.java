package dev.labauth.lab;

/**
 * What the lab's routes demand. Each function checks its own scope through the claims library
 * for now; issue #4 moves route rules into the authorizer, and the ownership check stays here.
 */
public final class LabRules {
    /** {@code GET /experiments}. */
    public static final String READ_EXPERIMENTS = "read:experiments";
    /** {@code POST /experiments}. */
    public static final String CREATE_EXPERIMENTS = "create:experiments";
    /** May delete any experiment, not only its own. */
    public static final String ADMIN_ROLE = "lab-admin";

    private LabRules() {
    }
}
