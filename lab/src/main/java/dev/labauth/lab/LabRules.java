package dev.labauth.lab;

/**
 * What the lab's functions decide themselves. Scopes are the authorizer's business (its access
 * rules, deploy/access-rules.yaml); ownership is the function's, since only it knows the data.
 */
public final class LabRules {
    /** May delete any experiment, not only its own. */
    public static final String ADMIN_ROLE = "lab-admin";

    private LabRules() {
    }
}
