package dev.labauth.authorizer.event;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import java.util.List;
import java.util.Map;

/**
 * The REST API REQUEST authorizer event. The events library's type drops {@code multiValueHeaders},
 * and without them a request carrying two Authorization headers could not be told apart from one.
 */
public class RestRequestAuthorizerEvent extends APIGatewayCustomAuthorizerEvent {
    private Map<String, List<String>> multiValueHeaders;

    public Map<String, List<String>> getMultiValueHeaders() {
        return multiValueHeaders;
    }

    public void setMultiValueHeaders(Map<String, List<String>> multiValueHeaders) {
        this.multiValueHeaders = multiValueHeaders;
    }
}
