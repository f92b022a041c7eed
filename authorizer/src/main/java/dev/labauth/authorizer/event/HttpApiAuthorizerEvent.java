package dev.labauth.authorizer.event;

import java.util.List;
import java.util.Map;

/**
 * The HTTP API authorizer event, payload format 2.0: only the fields the authorizer reads, so that
 * the Lambda runtime's Jackson can read every real event. The events library's
 * {@code APIGatewayV2CustomAuthorizerEvent} cannot be used: its {@code requestContext} type holds a
 * joda-time field, joda-time is not in the deployment jar, and reading any event that carries a
 * {@code requestContext} (every event API Gateway sends) fails with {@code NoClassDefFoundError}.
 * The runtime ignores the fields not declared here.
 */
public class HttpApiAuthorizerEvent {
    private String version;
    private String type;
    private String routeArn;
    private List<String> identitySource;
    private String routeKey;
    private String rawPath;
    private Map<String, String> headers;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getRouteArn() {
        return routeArn;
    }

    public void setRouteArn(String routeArn) {
        this.routeArn = routeArn;
    }

    /** May be null: API Gateway sends {@code null} when no identity source is configured (caching off). */
    public List<String> getIdentitySource() {
        return identitySource;
    }

    public void setIdentitySource(List<String> identitySource) {
        this.identitySource = identitySource;
    }

    public String getRouteKey() {
        return routeKey;
    }

    public void setRouteKey(String routeKey) {
        this.routeKey = routeKey;
    }

    public String getRawPath() {
        return rawPath;
    }

    public void setRawPath(String rawPath) {
        this.rawPath = rawPath;
    }

    /** Header names in lower case, repeated headers joined with commas (HTTP API behaviour). */
    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }
}
