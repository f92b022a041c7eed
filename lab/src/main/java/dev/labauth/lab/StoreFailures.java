package dev.labauth.lab;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.labauth.lab.experiments.ExperimentStoreException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store failed: log what happened (one JSON line, to CloudWatch through the Lambda logger) and
 * tell the client 503, a failure on our side worth retrying, without the details.
 */
final class StoreFailures {
    private StoreFailures() {
    }

    static APIGatewayProxyResponseEvent answer(Context context, String function, ExperimentStoreException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("function", function);
        line.put("error", "store_unavailable");
        line.put("detail", e.getMessage());
        String json;
        try {
            json = JSON.std.asString(line);
        } catch (IOException impossible) {
            json = "{\"function\":\"" + function + "\",\"error\":\"store_unavailable\"}";
        }
        // Tests and in-process gateways may pass no context; the runtime always passes one.
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(json + "\n");
        } else {
            System.err.println(json);
        }
        return JsonResponses.error(503, "store_unavailable", "the experiment store is unavailable; try again");
    }
}
