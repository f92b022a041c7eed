package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.labauth.claims.Caller;
import dev.labauth.claims.CallerResult;
import dev.labauth.claims.Callers;
import dev.labauth.claims.Refusal;
import dev.labauth.claims.Require;
import dev.labauth.lab.experiments.Experiment;
import dev.labauth.lab.experiments.ExperimentStore;
import dev.labauth.lab.experiments.ExperimentStoreException;
import dev.labauth.lab.experiments.ExperimentStores;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DELETE /experiments/{id}}: 204 when deleted, 404 for an unknown id, 403 unless the caller
 * owns the experiment or holds the {@code lab-admin} role. Needs an authenticated caller and no
 * scope: who may delete depends on the experiment, which only this function can see.
 */
public final class DeleteExperimentFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** Ids are UUIDs; anything much longer cannot name an experiment and is not sent to the store. */
    static final int MAX_ID_LENGTH = 128;

    private final ExperimentStore store;

    /** The Lambda runtime's constructor. */
    public DeleteExperimentFunction() {
        this(System.getenv());
    }

    /** With the function's environment (the template's Environment.Variables); see {@link ExperimentStores}. */
    public DeleteExperimentFunction(Map<String, String> environment) {
        this(ExperimentStores.fromEnvironment(environment));
    }

    public DeleteExperimentFunction(ExperimentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        CallerResult result = Callers.of(event);
        Optional<APIGatewayProxyResponseEvent> refused = Require.authenticated(result);
        if (refused.isPresent()) {
            return refused.get();
        }
        Caller caller = result.authenticated().orElseThrow();
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        if (id == null || id.isBlank()) {
            return JsonResponses.error(400, "invalid_request", "the path needs an experiment id: /experiments/{id}");
        }
        try {
            Optional<Experiment> found = id.length() > MAX_ID_LENGTH ? Optional.empty() : store.find(id);
            if (found.isEmpty()) {
                return notFound();
            }
            Experiment experiment = found.get();
            if (!experiment.isOwnedBy(caller.subject()) && !caller.hasRole(LabRules.ADMIN_ROLE)) {
                return Refusal.forbidden("not_owner",
                        "only the experiment's owner or the " + LabRules.ADMIN_ROLE + " role may delete it").toProxyResponse();
            }
            // Conditional on the owner just checked: a concurrent delete or change makes this a 404.
            return store.delete(id, experiment.owner()) ? JsonResponses.noContent() : notFound();
        } catch (ExperimentStoreException e) {
            return StoreFailures.answer(context, "DeleteExperiment", e);
        }
    }

    private static APIGatewayProxyResponseEvent notFound() {
        return JsonResponses.error(404, "not_found", "no experiment with that id");
    }
}
