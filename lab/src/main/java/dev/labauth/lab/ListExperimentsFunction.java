package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.labauth.claims.Caller;
import dev.labauth.claims.CallerResult;
import dev.labauth.claims.Callers;
import dev.labauth.claims.Require;
import dev.labauth.lab.experiments.ExperimentStore;
import dev.labauth.lab.experiments.ExperimentStoreException;
import dev.labauth.lab.experiments.ExperimentStores;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /experiments}: the caller's own experiments, oldest first, as
 * {@code {"experiments": [{"id","name","owner","createdAt"}, …]}}. The authorizer's access rules
 * demand {@code read:experiments}; the function only needs to know who is asking.
 */
public final class ListExperimentsFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ExperimentStore store;

    /** The Lambda runtime's constructor. */
    public ListExperimentsFunction() {
        this(System.getenv());
    }

    /** With the function's environment (the template's Environment.Variables); see {@link ExperimentStores}. */
    public ListExperimentsFunction(Map<String, String> environment) {
        this(ExperimentStores.fromEnvironment(environment));
    }

    public ListExperimentsFunction(ExperimentStore store) {
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
        try {
            return JsonResponses.json(200, Map.of("experiments",
                    store.ownedBy(caller.subject()).stream().map(ExperimentJson::of).toList()));
        } catch (ExperimentStoreException e) {
            return StoreFailures.answer(context, "ListExperiments", e);
        }
    }
}
