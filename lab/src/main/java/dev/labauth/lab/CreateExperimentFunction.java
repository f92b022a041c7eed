package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.labauth.claims.Caller;
import dev.labauth.claims.CallerResult;
import dev.labauth.claims.Callers;
import dev.labauth.claims.Require;
import dev.labauth.lab.experiments.Experiment;
import dev.labauth.lab.experiments.ExperimentStore;
import dev.labauth.lab.experiments.ExperimentStoreException;
import dev.labauth.lab.experiments.ExperimentStores;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /experiments} with {@code {"name": "…"}}: creates an experiment owned by the caller's
 * {@code sub}; 201 with the experiment, 400 for a body it cannot use. The authorizer demands {@code create:experiments}.
 */
public final class CreateExperimentFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ExperimentStore store;
    private final Clock clock;

    /** The Lambda runtime's constructor. */
    public CreateExperimentFunction() {
        this(System.getenv());
    }

    /** With the function's environment (the template's Environment.Variables); see {@link ExperimentStores}. */
    public CreateExperimentFunction(Map<String, String> environment) {
        this(ExperimentStores.fromEnvironment(environment), Clock.systemUTC());
    }

    public CreateExperimentFunction(ExperimentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        CallerResult result = Callers.of(event);
        Optional<APIGatewayProxyResponseEvent> refused = Require.authenticated(result);
        if (refused.isPresent()) {
            return refused.get();
        }
        Caller caller = result.authenticated().orElseThrow();
        NewExperiment request;
        try {
            request = NewExperiment.parse(event);
        } catch (NewExperiment.Invalid e) {
            return JsonResponses.error(400, "invalid_request", e.getMessage());
        }
        // Milliseconds: what DynamoDB stores and the client sees are then the same instant.
        Experiment experiment = new Experiment(UUID.randomUUID().toString(), request.name(), caller.subject(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            store.create(experiment);
        } catch (ExperimentStoreException e) {
            return StoreFailures.answer(context, "CreateExperiment", e);
        }
        return JsonResponses.json(201, ExperimentJson.of(experiment), Map.of("Location", "/experiments/" + experiment.id()));
    }
}
